import { describe, expect, it } from 'vitest';
import { afterKey, FITTED, KEY_STEP, MAX_SCALE, MIN_SCALE, panBy, percentOf, wheelFactor, zoomBy, ZOOM_STEP } from './viewport';

/** Where image point `u` (from its centre, unscaled) shows, from the stage's middle. */
const shown = (view: { scale: number; x: number; y: number }, u: { x: number; y: number }) => ({
  x: view.x + view.scale * u.x,
  y: view.y + view.scale * u.y,
});

describe('the image viewport', () => {
  it('zooms about the middle by default', () => {
    const view = zoomBy(FITTED, 2);
    expect(view).toEqual({ scale: 2, x: 0, y: 0 });
    expect(percentOf(view)).toBe('200%');
  });

  it('keeps the point under the pointer where it is', () => {
    const start = { scale: 1.5, x: 40, y: -10 };
    const pointer = { x: 120, y: 80 };
    const under = { x: (pointer.x - start.x) / start.scale, y: (pointer.y - start.y) / start.scale };
    const zoomed = zoomBy(start, 3, pointer);
    expect(zoomed.scale).toBeCloseTo(4.5);
    expect(shown(zoomed, under).x).toBeCloseTo(pointer.x);
    expect(shown(zoomed, under).y).toBeCloseTo(pointer.y);
  });

  it('stops at the limits, and then does not move', () => {
    expect(zoomBy(FITTED, 100).scale).toBe(MAX_SCALE);
    expect(zoomBy(FITTED, 0.001).scale).toBe(MIN_SCALE);
    const atMost = { scale: MAX_SCALE, x: 10, y: 20 };
    expect(zoomBy(atMost, 2, { x: 300, y: 300 })).toEqual(atMost);
  });

  it('pans by a drag', () => {
    expect(panBy({ scale: 2, x: 5, y: 5 }, -15, 30)).toEqual({ scale: 2, x: -10, y: 35 });
  });

  it('zooms one step per wheel notch, in when the wheel goes up', () => {
    expect(wheelFactor(-100)).toBeCloseTo(ZOOM_STEP);
    expect(wheelFactor(100)).toBeCloseTo(1 / ZOOM_STEP);
    expect(wheelFactor(0)).toBe(1);
  });

  it('counts a wheel line as 40 pixels', () => {
    expect(wheelFactor(-3, 1)).toBeCloseTo(wheelFactor(-120));
  });

  it('answers the keys: + and − zoom, 0 fits, arrows move the image, others are left alone', () => {
    const view = { scale: 2, x: 10, y: 10 };
    expect(afterKey(view, '+')?.scale).toBeCloseTo(2 * ZOOM_STEP);
    expect(afterKey(view, '=')?.scale).toBeCloseTo(2 * ZOOM_STEP);
    expect(afterKey(view, '-')?.scale).toBeCloseTo(2 / ZOOM_STEP);
    expect(afterKey(view, '0')).toEqual(FITTED);
    expect(afterKey(view, 'ArrowLeft')).toEqual({ scale: 2, x: 10 - KEY_STEP, y: 10 });
    expect(afterKey(view, 'ArrowDown')).toEqual({ scale: 2, x: 10, y: 10 + KEY_STEP });
    expect(afterKey(view, 'Tab')).toBeUndefined();
  });
});
