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

/** The wheel's zoom: each notch (100 pixels of `deltaY`) one step, up to zoom in. */
export const wheelFactor = (deltaY: number): number => ZOOM_STEP ** (-deltaY / 100);

/** "150%". */
export const percentOf = (view: Viewport): string => `${Math.round(view.scale * 100)}%`;
