import { describe, expect, it } from 'vitest';
import { areaOf, imagePointAt, isOnImage, isTap, pinAt, pinFromDrag, screenPointOf, TAP_SLOP, tidyPin } from './pinGeometry';
import { FITTED, zoomBy } from './viewport';

const size = { width: 400, height: 300 };

describe('pins on an image', () => {
  it('finds the image point under a click on the fitted image', () => {
    expect(imagePointAt(FITTED, { x: 0, y: 0 }, size)).toEqual({ x: 0.5, y: 0.5 });
    expect(imagePointAt(FITTED, { x: -200, y: -150 }, size)).toEqual({ x: 0, y: 0 });
    expect(imagePointAt(FITTED, { x: 100, y: 75 }, size)).toEqual({ x: 0.75, y: 0.75 });
  });

  it('finds the same image point after zooming and moving', () => {
    const view = zoomBy({ scale: 1.5, x: 40, y: -25 }, 2.5, { x: 30, y: 10 });
    for (const point of [
      { x: 0.1, y: 0.9 },
      { x: 0.5, y: 0.5 },
      { x: 0.77, y: 0.03 },
    ]) {
      const shown = screenPointOf(view, point, size);
      const found = imagePointAt(view, shown, size);
      expect(found.x).toBeCloseTo(point.x, 10);
      expect(found.y).toBeCloseTo(point.y, 10);
    }
    // Zoomed 2× about the middle, a click 100 px right of it is a quarter of the image's half-width in.
    expect(imagePointAt({ scale: 2, x: 0, y: 0 }, { x: 100, y: 0 }, size)).toEqual({ x: 0.625, y: 0.5 });
    // Moved 50 px right, the image's centre is there.
    expect(imagePointAt({ scale: 1, x: 50, y: 0 }, { x: 50, y: 0 }, size)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('tells clicks off the image', () => {
    expect(isOnImage(imagePointAt(FITTED, { x: 201, y: 0 }, size))).toBe(false);
    expect(isOnImage(imagePointAt(FITTED, { x: 0, y: -151 }, size))).toBe(false);
    expect(isOnImage(imagePointAt(FITTED, { x: 200, y: 150 }, size))).toBe(true);
  });

  it('tells a click from a drag', () => {
    expect(isTap({ x: 10, y: 10 }, { x: 10 + TAP_SLOP - 1, y: 10 })).toBe(true);
    expect(isTap({ x: 10, y: 10 }, { x: 10 + TAP_SLOP, y: 10 + TAP_SLOP })).toBe(false);
  });

  it('makes a point pin on a grid of ten-thousandths', () => {
    expect(pinAt({ x: 0.123456, y: 0.987654 })).toEqual({ x: 0.1235, y: 0.9877, width: null, height: null });
  });

  it('makes a rectangle from a drag either way, cut to the image', () => {
    const expected = { x: 0.2, y: 0.3, width: 0.4, height: 0.5 };
    expect(pinFromDrag({ x: 0.2, y: 0.3 }, { x: 0.6, y: 0.8 })).toEqual(expected);
    expect(pinFromDrag({ x: 0.6, y: 0.8 }, { x: 0.2, y: 0.3 })).toEqual(expected);
    expect(pinFromDrag({ x: 0.5, y: 0.5 }, { x: 1.7, y: -3 })).toEqual({ x: 0.5, y: 0, width: 0.5, height: 0.5 });
  });

  it('takes a tiny drag as a point where it started', () => {
    expect(pinFromDrag({ x: 0.4, y: 0.4 }, { x: 0.405, y: 0.6 })).toEqual({ x: 0.4, y: 0.4, width: null, height: null });
  });

  it('never lets a rectangle run past the image', () => {
    for (let step = 0; step <= 1000; step += 1) {
      const x = step / 1000 + 0.00004;
      const pin = tidyPin({ x, y: 1 - x, width: 1, height: 1 });
      expect(pin.x + (pin.width ?? 0)).toBeLessThanOrEqual(1);
      expect(pin.y + (pin.height ?? 0)).toBeLessThanOrEqual(1);
    }
  });

  it('reads a pin the server sent, its size left out or not', () => {
    expect(areaOf({ x: 0.1, y: 0.2 })).toEqual({ x: 0.1, y: 0.2, width: null, height: null });
    expect(areaOf({ x: 0.1, y: 0.2, width: 0.3, height: 0.4, page: null })).toEqual({ x: 0.1, y: 0.2, width: 0.3, height: 0.4 });
  });
});
