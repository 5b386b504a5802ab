import { useId } from 'react';
import type { FileView } from '../../../api/schema';
import { percentOf } from '../../../files/viewport';
import { usePanZoom } from './usePanZoom';
import { VersionImage } from './VersionImage';

/** The newest version of an image, to look at closely: zoom (buttons, wheel, keys), move it by dragging, reset. */
export function ImageViewer({ file }: { file: FileView }) {
  const { view, dragging, stage, zoomIn, zoomOut, reset, stageEvents } = usePanZoom();
  const hintId = useId();

  return (
    <section className="panel image-viewer" aria-labelledby="image-viewer-title">
      <div className="image-viewer__head">
        <h4 className="panel__title" id="image-viewer-title">
          Preview <span className="image-viewer__version">v{file.latest.number}</span>
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
        <VersionImage
          fileId={file.id}
          number={file.latest.number}
          name={file.name}
          kind={file.kind}
          alt={file.name}
          className="image-viewer__image"
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        />
      </div>
      <p className="panel__intro image-viewer__hint" id={hintId}>
        Drag to move the image; the wheel, + and − zoom; the arrow keys move it; 0 fits it again.
      </p>
    </section>
  );
}
