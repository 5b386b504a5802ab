import type { PinView } from '../api/schema';
import type { Viewport } from './viewport';

/**
 * Where a review comment is pinned on an image: fractions of its width and height from its
 * top-left corner (0 to 1), so a pin stays on the same spot whatever size the image is drawn
 * at, zoomed or moved. The viewer draws the image laid out at `size` (before zoom) and then
 * transformed by its viewport (see viewport.ts: image point `u`, from the image's centre,
 * shows at `offset + scale · u`); these turn screen points into image points and back.
 */
export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A pin: a point, or with `width` and `height` (both or neither) a rectangle from that corner. */
export interface PinArea {
  x: number;
  y: number;
  width: number | null;
  height: number | null;
}

/** A comment's pin as the server tells it (width and height may be left out), as an area. */
export const areaOf = ({ x, y, width, height }: PinView): PinArea => ({ x, y, width: width ?? null, height: height ?? null });

/**
 * The image point under a screen point, `fromCentre` being its offset in screen pixels from
 * where the image's centre is laid out (before zoom and pan). Outside the image it is below
 * 0 or above 1 (see isOnImage).
 */
export function imagePointAt(view: Viewport, fromCentre: Point, size: Size): Point {
  return {
    x: (fromCentre.x - view.x) / view.scale / size.width + 0.5,
    y: (fromCentre.y - view.y) / view.scale / size.height + 0.5,
  };
}

/** Where an image point shows, from the image's laid-out centre: the inverse of imagePointAt. */
export function screenPointOf(view: Viewport, point: Point, size: Size): Point {
  return {
    x: view.x + view.scale * (point.x - 0.5) * size.width,
    y: view.y + view.scale * (point.y - 0.5) * size.height,
  };
}

export const isOnImage = ({ x, y }: Point): boolean => x >= 0 && x <= 1 && y >= 0 && y <= 1;

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export const clampToImage = ({ x, y }: Point): Point => ({ x: clamp01(x), y: clamp01(y) });

/** How far (screen pixels) a pointer may move between press and release and still be a click, not a drag. */
export const TAP_SLOP = 5;

export const isTap = (from: Point, to: Point): boolean => Math.hypot(to.x - from.x, to.y - from.y) <= TAP_SLOP;

/** A rectangle narrower or lower than this (a fraction of the image) is taken as a point. */
export const MIN_RECT = 0.01;

/**
 * The pin a drag between two image points makes: the rectangle they span (whichever corner
 * came first), cut to the image; a drag too small for a rectangle pins where it started.
 */
export function pinFromDrag(from: Point, to: Point): PinArea {
  const a = clampToImage(from);
  const b = clampToImage(to);
  const width = Math.abs(b.x - a.x);
  const height = Math.abs(b.y - a.y);
  if (width < MIN_RECT || height < MIN_RECT) return tidyPin({ x: a.x, y: a.y, width: null, height: null });
  return tidyPin({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width, height });
}

/** A point pin where the image was clicked. */
export const pinAt = (point: Point): PinArea => tidyPin({ ...point, width: null, height: null });

const STEPS = 10_000;

/**
 * The pin on a grid of ten-thousandths (plenty for any screen), inside the image: x + width
 * and y + height never past 1, as the server requires (sums on this grid never round past it).
 */
export function tidyPin({ x, y, width, height }: PinArea): PinArea {
  const start = (value: number) => Math.round(clamp01(value) * STEPS);
  const sx = start(x);
  const sy = start(y);
  if (width === null || height === null) return { x: sx / STEPS, y: sy / STEPS, width: null, height: null };
  const length = (value: number, from: number) => Math.min(Math.round(Math.max(0, value) * STEPS), STEPS - from);
  return { x: sx / STEPS, y: sy / STEPS, width: length(width, sx) / STEPS, height: length(height, sy) / STEPS };
}
