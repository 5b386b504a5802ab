/**
 * Where an image sits in the viewer: its scale and how far it is moved from the middle of
 * the stage, in screen pixels. The image is drawn centred and transformed as
 * `translate(x, y) scale(scale)` about its centre, so a point `u` of the image (from its
 * centre, unscaled) shows at `offset + scale · u` from the stage's middle.
 */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export const FITTED: Viewport = { scale: 1, x: 0, y: 0 };
export const MIN_SCALE = 0.25;
export const MAX_SCALE = 8;
/** One press of "Zoom in" or "Zoom out". */
export const ZOOM_STEP = 1.25;

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/**
 * Zoomed by `factor` (past the limits it stops at them), keeping the point of the image under
 * `at` (from the stage's middle; the middle itself by default) where it is, so a wheel zooms
 * towards the pointer.
 */
export function zoomBy(view: Viewport, factor: number, at = { x: 0, y: 0 }): Viewport {
  const scale = clampScale(view.scale * factor);
  const ratio = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
}

/** Moved by a drag of `dx`, `dy` screen pixels. */
export const panBy = (view: Viewport, dx: number, dy: number): Viewport => ({ ...view, x: view.x + dx, y: view.y + dy });

/** Pixels a wheel "line" counts for (WheelEvent.deltaMode 1, as some browsers and mice report). */
const LINE_PIXELS = 40;

/** The wheel's zoom: each notch (100 pixels of `deltaY`) one step, up to zoom in. */
export const wheelFactor = (deltaY: number, deltaMode = 0): number =>
  ZOOM_STEP ** (-(deltaMode === 1 ? deltaY * LINE_PIXELS : deltaY) / 100);

/** How far one press of an arrow key moves the image. */
export const KEY_STEP = 40;

/**
 * The view after a key press on the viewer: + and − zoom, 0 fits again, the arrow keys move
 * the image; undefined for any other key (left to the browser).
 */
export function afterKey(view: Viewport, key: string): Viewport | undefined {
  switch (key) {
    case '+':
    case '=':
      return zoomBy(view, ZOOM_STEP);
    case '-':
    case '_':
      return zoomBy(view, 1 / ZOOM_STEP);
    case '0':
      return FITTED;
    case 'ArrowLeft':
      return panBy(view, -KEY_STEP, 0);
    case 'ArrowRight':
      return panBy(view, KEY_STEP, 0);
    case 'ArrowUp':
      return panBy(view, 0, -KEY_STEP);
    case 'ArrowDown':
      return panBy(view, 0, KEY_STEP);
    default:
      return undefined;
  }
}

/** "150%". */
export const percentOf = (view: Viewport): string => `${Math.round(view.scale * 100)}%`;
