import type { FileView } from '../../../api/schema';
import { ImageViewer, type ViewerPins } from './ImageViewer';
import { PdfLink } from './PdfLink';

interface FilePreviewProps {
  file: FileView;
  /** The version shown, and whether it is a picture (its type may differ from the newest one's). */
  number: number;
  picture: boolean;
  pins: ViewerPins;
}

/** What the page shows of a version: images in the viewer (with their review pins), PDFs in a new tab, the rest to download. */
export function FilePreview({ file, number, picture, pins }: FilePreviewProps) {
  if (picture) return <ImageViewer key={number} file={file} number={number} pins={pins} />;
  return (
    <section className="panel" aria-labelledby="file-preview-title">
      <h4 className="panel__title" id="file-preview-title">
        Preview <span className="image-viewer__version">v{number}</span>
      </h4>
      {file.kind === 'pdf' ? (
        <PdfLink file={file} number={number} />
      ) : (
        <p className="panel__intro">There is no preview of this kind of file here: download it from its versions.</p>
      )}
    </section>
  );
}
