import type { PinArea } from '../../../../files/pinGeometry';
import type { ReviewThread } from '../../../../files/reviewThreads';
import { areaStyle, cornerStyle } from './pinStyle';

interface PinMarkerProps {
  thread: ReviewThread;
  pin: PinArea;
  selected: boolean;
  onSelect: () => void;
}

/** A pinned thread on the image: its number on a round marker (at the area's corner, outlined, for a rectangle). */
export function PinMarker({ thread, pin, selected, onSelect }: PinMarkerProps) {
  const { root } = thread;
  const excerpt = root.deletedAt ? 'Comment deleted' : `${root.authorName ?? 'A former member'}: ${root.body.slice(0, 80)}`;
  const classes = ['pin-marker', selected ? 'pin-marker--selected' : '', root.resolved ? 'pin-marker--resolved' : ''];
  const marker = (
    <button
      className={classes.filter(Boolean).join(' ')}
      type="button"
      style={cornerStyle(pin)}
      aria-label={`Pin ${thread.number}`}
      aria-pressed={selected}
      title={excerpt}
      // A press on a marker selects it: it does not start moving the image.
      onPointerDown={(event) => event.stopPropagation()}
      onClick={onSelect}
    >
      {thread.number}
    </button>
  );
  if (pin.width === null) return marker;
  return (
    <>
      <div className={selected ? 'pin-area pin-area--selected' : 'pin-area'} style={areaStyle(pin)} />
      {marker}
    </>
  );
}
