import type { FileView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useDownloadVersion } from '../../../files/useDownloadVersion';
import { isViewable, type VersionDisplay } from '../../../files/versionDisplay';
import { ImageViewer, type ViewerPins } from './ImageViewer';
import { PdfLink } from './PdfLink';

interface FilePreviewProps {
  file: FileView;
  /** The version shown, and what it shows (see versionDisplay.ts); null while its facts load. */
  number: number;
  display: VersionDisplay | null;
  /** A PDF's page shown, and going to another. */
  page: number;
  onPage: (page: number) => void;
  pins: ViewerPins;
}

/**
 * What the page shows of a version: images, SVG and PDFs' pages in the viewer (with their
 * review pins); a PDF whose pages are not ready in the browser's own viewer, in a new tab;
 * the rest to download.
 */
export function FilePreview({ file, number, display, page, onPage, pins }: FilePreviewProps) {
  if (display && isViewable(display)) {
    return <ImageViewer key={number} file={file} number={number} display={display} page={page} onPage={onPage} pins={pins} />;
  }
  return (
    <section className="panel" aria-labelledby="file-preview-title">
      <h4 className="panel__title" id="file-preview-title">
        Preview <span className="image-viewer__version">v{number}</span>
      </h4>
      {display === null ? <p aria-busy="true">Loading the version…</p> : null}
      {display?.shows === 'pdf' && display.preparing ? <PreparingPages file={file} number={number} /> : null}
      {display?.shows === 'pdf' && !display.preparing ? <PdfLink file={file} number={number} /> : null}
      {display?.shows === 'none' ? (
        <p className="panel__intro">There is no preview of this kind of file here: download it from its versions.</p>
      ) : null}
    </section>
  );
}

/** A PDF whose pages the server is still drawing: they show once ready (live); meanwhile, the PDF to download. */
function PreparingPages({ file, number }: { file: FileView; number: number }) {
  const download = useDownloadVersion(file, number);
  return (
    <>
      <p className="panel__intro" aria-busy="true">
        Preparing the pages…
      </p>
      <div className="panel__actions">
        <button
          className="button button--secondary button--small"
          type="button"
          disabled={download.isPending}
          onClick={() => download.mutate()}
        >
          Download the PDF
        </button>
      </div>
      <ErrorBanner error={download.error} />
    </>
  );
}
