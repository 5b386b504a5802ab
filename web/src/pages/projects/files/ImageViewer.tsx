import { useId, useRef, useState } from 'react';
import type { FileView } from '../../../api/schema';
import type { PinArea } from '../../../files/pinGeometry';
import type { ReviewThread } from '../../../files/reviewThreads';
import type { ViewerDisplay } from '../../../files/versionDisplay';
import { percentOf } from '../../../files/viewport';
import { PagePager } from './PagePager';
import { PinLayer } from './review/PinLayer';
import { ReviewCommentForm } from './review/ReviewCommentForm';
import { usePinGestures } from './review/usePinGestures';
import { usePanZoom } from './usePanZoom';
import { VersionImage } from './VersionImage';

/** The review threads drawn on the picture (a PDF's: those of the page shown), which one is selected, and whether the caller may pin new ones. */
export interface ViewerPins {
  threads: readonly ReviewThread[];
  selected: string | null;
  onSelect: (rootId: string) => void;
  canComment: boolean;
}

interface ImageViewerProps {
  file: FileView;
  /** The version shown, and how: its own bytes (an image), its large preview (an SVG), or a PDF's pages. */
  number: number;
  display: ViewerDisplay;
  /** A PDF's page shown (from 1), and going to another. */
  page: number;
  onPage: (page: number) => void;
  pins: ViewerPins;
}

/**
 * One version of an image (or a PDF's page), to look at closely: zoom (buttons, wheel, keys),
 * move it by dragging, reset; a PDF's pages one at a time. Its review threads show as numbered
 * markers on it; those who comment click a spot (or Shift-drag an area) to pin a new comment
 * there, on the page shown.
 */
export function ImageViewer({ file, number, display, page, onPage, pins }: ImageViewerProps) {
  const panZoom = usePanZoom();
  const { view, dragging, stage, zoomIn, zoomOut, reset } = panZoom;
  const layer = useRef<HTMLDivElement>(null);
  const paged = display.shows === 'pages';
  // A new comment belongs to the page it was started on: it shows only there.
  const [draft, setDraft] = useState<{ area: PinArea; page: number } | null>(null);
  const draftHere = draft && draft.page === page ? draft.area : null;
  const { marking, stageEvents } = usePinGestures(
    panZoom,
    layer,
    pins.canComment ? (area) => setDraft({ area, page }) : undefined,
  );
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
      {paged ? <PagePager file={file} number={number} page={page} display={display} onPage={onPage} /> : null}
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
            // Each page is an image of its own: the last one does not stand in while the next loads.
            key={page}
            fileId={file.id}
            number={number}
            name={file.name}
            kind={file.kind}
            alt={paged ? `${file.name}, page ${page}` : file.name}
            className="image-viewer__image"
            preview={display.shows === 'original' ? undefined : 'large'}
            page={paged ? page : undefined}
          />
          <PinLayer
            threads={pins.threads}
            selected={pins.selected}
            onSelect={pins.onSelect}
            scale={view.scale}
            marking={marking}
            draft={draftHere}
            composer={
              draftHere ? (
                <ReviewCommentForm
                  fileId={file.id}
                  number={number}
                  name="New pinned comment"
                  label="Comment"
                  submitLabel="Pin comment"
                  pin={{ ...draftHere, page: paged ? page : null }}
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
        Drag to move the {paged ? 'page' : 'image'}; the wheel, + and − zoom; the arrow keys move it; 0 fits it again.
        {pins.canComment
          ? ` Click a spot to pin a comment there${paged ? ' on this page' : ''}, or hold Shift and drag to mark an area.`
          : null}
      </p>
    </section>
  );
}
