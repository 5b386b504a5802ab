import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { afterKey, FITTED, panBy, wheelFactor, zoomBy, ZOOM_STEP, type Viewport } from '../../../files/viewport';

/**
 * The image viewer's zoom and pan (the arithmetic is files/viewport.ts): the wheel zooms
 * towards the pointer, a drag moves the image, the keys do both, and the buttons call
 * zoomIn, zoomOut and reset. Give `stage` as the ref of the element the image is drawn in.
 */
export function usePanZoom() {
  const [view, setView] = useState<Viewport>(FITTED);
  const [dragging, setDragging] = useState(false);
  const lastPoint = useRef<{ x: number; y: number } | null>(null);

  // React listens to the wheel passively, which cannot keep the page from scrolling while
  // zooming: this listener is added by hand, not passive.
  const stage = useCallback((element: HTMLElement | null) => {
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      const at = { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 };
      setView((current) => zoomBy(current, wheelFactor(event.deltaY, event.deltaMode), at));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const endDrag = () => {
    lastPoint.current = null;
    setDragging(false);
  };

  return {
    view,
    dragging,
    stage,
    zoomIn: () => setView((current) => zoomBy(current, ZOOM_STEP)),
    zoomOut: () => setView((current) => zoomBy(current, 1 / ZOOM_STEP)),
    reset: () => setView(FITTED),
    stageEvents: {
      onPointerDown: (event: PointerEvent<HTMLElement>) => {
        if (event.button !== 0) return;
        // The drag goes on when the pointer leaves the stage, until it is let go.
        event.currentTarget.setPointerCapture(event.pointerId);
        lastPoint.current = { x: event.clientX, y: event.clientY };
        setDragging(true);
      },
      onPointerMove: (event: PointerEvent<HTMLElement>) => {
        const from = lastPoint.current;
        if (!from) return;
        lastPoint.current = { x: event.clientX, y: event.clientY };
        setView((current) => panBy(current, event.clientX - from.x, event.clientY - from.y));
      },
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        const next = afterKey(view, event.key);
        if (!next) return;
        event.preventDefault();
        setView(next);
      },
    },
  };
}
