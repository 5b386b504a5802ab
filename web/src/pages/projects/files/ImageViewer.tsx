import { useId, useRef, useState } from 'react';
import type { FileView } from '../../../api/schema';
import type { PinArea } from '../../../files/pinGeometry';
import type { ReviewThread } from '../../../files/reviewThreads';
import { percentOf } from '../../../files/viewport';
import { PinLayer } from './review/PinLayer';
import { ReviewCommentForm } from './review/ReviewCommentForm';
import { usePinGestures } from './review/usePinGestures';
import { usePanZoom } from './usePanZoom';
import { VersionImage } from './VersionImage';

/** The review threads drawn on the image, which one is selected, and whether the caller may pin new ones. */
export interface ViewerPins {
  threads: readonly ReviewThread[];
  selected: string | null;
  onSelect: (rootId: string) => void;
  canComment: boolean;
}

interface ImageViewerProps {
  file: FileView;
  /** The version shown. */
  number: number;
  pins: ViewerPins;
}

/**
 * One version of an image, to look at closely: zoom (buttons, wheel, keys), move it by
 * dragging, reset. Its review threads show as numbered markers on it; those who comment click
 * a spot (or Shift-drag an area) to pin a new comment there.
 */
export function ImageViewer({ file, number, pins }: ImageViewerProps) {
  const panZoom = usePanZoom();
  const { view, dragging, stage, zoomIn, zoomOut, reset } = panZoom;
  const layer = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<PinArea | null>(null);
  const { marking, stageEvents } = usePinGestures(panZoom, layer, pins.canComment ? setDraft : undefined);
  const hintId = useId();

  return (
    <section className="panel image-viewer" aria-labelledby="image-viewer-title">
      <div className="image-viewer__head">
        <h4 className="panel__title" id="image-viewer-title">
          Preview <span className="image-viewer__version">v{number}</span>
        </h4>
        <div className="image-viewer__tools" role="group" aria-label="Zoom">
          <button className="button button--secondary button--small" type="button" aria-label="Zoom out" onClick={zoomOut}>
            −
          </button>
          <output className="image-viewer__zoom" aria-label="Zoom level" aria-live="polite">
            {percentOf(view)}
          </output>
          <button className="button button--secondary button--small" type="button" aria-label="Zoom in" onClick={zoomIn}>
            +
          </button>
          <button className="button button--secondary button--small" type="button" onClick={reset}>
            Reset
          </button>
        </div>
      </div>
      <div
        ref={stage}
        className={dragging ? 'image-viewer__stage image-viewer__stage--dragging' : 'image-viewer__stage'}
        role="region"
        aria-label="Image viewer"
        aria-describedby={hintId}
        tabIndex={0}
        {...stageEvents}
      >
        <div
          ref={layer}
          className="image-viewer__layer"
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        >
          <VersionImage
            fileId={file.id}
            number={number}
            name={file.name}
            kind={file.kind}
            alt={file.name}
            className="image-viewer__image"
          />
          <PinLayer
            threads={pins.threads}
            selected={pins.selected}
            onSelect={pins.onSelect}
            scale={view.scale}
            marking={marking}
            draft={draft}
            composer={
              draft ? (
                <ReviewCommentForm
                  fileId={file.id}
                  number={number}
                  name="New pinned comment"
                  label="Comment"
                  submitLabel="Pin comment"
                  pin={{ ...draft, page: null }}
                  autoFocus
                  onPosted={(comment) => {
                    setDraft(null);
                    pins.onSelect(comment.id);
                  }}
                  onCancel={() => setDraft(null)}
                />
              ) : null
            }
          />
        </div>
      </div>
      <p className="panel__intro image-viewer__hint" id={hintId}>
        Drag to move the image; the wheel, + and − zoom; the arrow keys move it; 0 fits it again.
        {pins.canComment ? ' Click a spot to pin a comment there, or hold Shift and drag to mark an area.' : null}
      </p>
    </section>
  );
}
