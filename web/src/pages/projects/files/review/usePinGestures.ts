import { useRef, useState, type PointerEvent, type RefObject } from 'react';
import { imagePointAt, isOnImage, isTap, pinAt, pinFromDrag, type PinArea, type Point } from '../../../../files/pinGeometry';
import type { Viewport } from '../../../../files/viewport';
import type { usePanZoom } from '../usePanZoom';

type PanZoom = ReturnType<typeof usePanZoom>;

interface Press {
  /** Where the pointer went down, on the screen. */
  client: Point;
  /** Where a Shift-drag started on the image: it draws a rectangle instead of moving the image. */
  corner?: Point;
}

/**
 * The image point (0–1 from the image's top-left) under a pointer. `layer` is the element the
 * image is laid out in and transformed with `view`, inside a positioned stage; undefined
 * while the image is not drawn yet.
 */
function pointOn(layer: HTMLElement | null, view: Viewport, event: PointerEvent): Point | undefined {
  const stage = layer?.offsetParent;
  if (!layer || !(stage instanceof HTMLElement) || !layer.querySelector('img')) return undefined;
  const box = stage.getBoundingClientRect();
  const centre = {
    x: box.left + stage.clientLeft + layer.offsetLeft + layer.offsetWidth / 2,
    y: box.top + stage.clientTop + layer.offsetTop + layer.offsetHeight / 2,
  };
  return imagePointAt(view, { x: event.clientX - centre.x, y: event.clientY - centre.y }, {
    width: layer.offsetWidth,
    height: layer.offsetHeight,
  });
}

/**
 * Pinning comments on the viewer's image, over its zoom and pan: a click (the pointer let go
 * where it went down) pins a point; a drag with Shift held draws a rectangle (`marking` while
 * it is drawn). Any other drag moves the image as before. Without `onPin`, only the image moves.
 */
export function usePinGestures(panZoom: PanZoom, layer: RefObject<HTMLElement | null>, onPin?: (pin: PinArea) => void) {
  const { view, stageEvents: pan } = panZoom;
  const press = useRef<Press | null>(null);
  const [marking, setMarking] = useState<PinArea | null>(null);

  const stageEvents = {
    ...pan,
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (event.button !== 0) return;
      const client = { x: event.clientX, y: event.clientY };
      if (onPin && event.shiftKey) {
        const corner = pointOn(layer.current, view, event);
        if (corner && isOnImage(corner)) {
          event.currentTarget.setPointerCapture(event.pointerId);
          press.current = { client, corner };
          setMarking(pinFromDrag(corner, corner));
          return;
        }
      }
      press.current = { client };
      pan.onPointerDown(event);
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const corner = press.current?.corner;
      if (!corner) return pan.onPointerMove(event);
      const to = pointOn(layer.current, view, event);
      if (to) setMarking(pinFromDrag(corner, to));
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => {
      const started = press.current;
      press.current = null;
      if (started?.corner) {
        setMarking(null);
        const to = pointOn(layer.current, view, event);
        onPin?.(to ? pinFromDrag(started.corner, to) : pinAt(started.corner));
        return;
      }
      pan.onPointerUp();
      if (!started || !onPin || !isTap(started.client, { x: event.clientX, y: event.clientY })) return;
      const at = pointOn(layer.current, view, event);
      if (at && isOnImage(at)) onPin(pinAt(at));
    },
    onPointerCancel: () => {
      press.current = null;
      setMarking(null);
      pan.onPointerCancel();
    },
  };

  return { marking, stageEvents };
}
