import type { CSSProperties, ReactNode } from 'react';
import { areaOf, type PinArea } from '../../../../files/pinGeometry';
import type { ReviewThread } from '../../../../files/reviewThreads';
import { PinMarker } from './PinMarker';
import { areaStyle, cornerStyle } from './pinStyle';

interface PinLayerProps {
  /** The threads shown; those pinned to the image get a marker. */
  threads: readonly ReviewThread[];
  selected: string | null;
  onSelect: (rootId: string) => void;
  /** The viewer's zoom: markers keep their size on the screen whatever it is. */
  scale: number;
  /** The rectangle being drawn (Shift-drag). */
  marking: PinArea | null;
  /** Where a new comment is being written, and its form. */
  draft: PinArea | null;
  composer: ReactNode;
}

/**
 * Drawn over the image, moving and zooming with it: a numbered marker for each pinned thread
 * (and the outline of its area for a rectangle), the rectangle being drawn, and the composer
 * of a new pinned comment beside its spot (opening away from the image's nearer edges).
 */
export function PinLayer({ threads, selected, onSelect, scale, marking, draft, composer }: PinLayerProps) {
  const style = { '--pin-scale': 1 / scale } as CSSProperties;
  return (
    <div className="pin-layer" style={style}>
      {threads.map((thread) =>
        thread.root.pin ? (
          <PinMarker
            key={thread.root.id}
            thread={thread}
            pin={areaOf(thread.root.pin)}
            selected={thread.root.id === selected}
            onSelect={() => onSelect(thread.root.id)}
          />
        ) : null,
      )}
      {marking && marking.width !== null ? <div className="pin-area pin-area--drawing" style={areaStyle(marking)} /> : null}
      {draft ? (
        <>
          {draft.width !== null ? <div className="pin-area pin-area--draft" style={areaStyle(draft)} /> : null}
          <span className="pin-marker pin-marker--draft" style={cornerStyle(draft)} aria-hidden="true">
            +
          </span>
          <div
            className={[
              'pin-composer',
              draft.x > 0.5 ? 'pin-composer--left' : '',
              draft.y > 0.6 ? 'pin-composer--up' : '',
            ].join(' ')}
            style={cornerStyle(draft)}
            // The viewer's drag and keys stay out of the form.
            onPointerDown={(event) => event.stopPropagation()}
            onKeyDown={(event) => event.stopPropagation()}
          >
            {composer}
          </div>
        </>
      ) : null}
    </div>
  );
}
