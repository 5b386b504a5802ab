import type { FileView } from '../../../api/schema';
import { isPicture } from '../../../files/pictures';
import { ImageViewer } from './ImageViewer';
import { PdfLink } from './PdfLink';

/** What the page shows of the newest version: images in the viewer, PDFs in a new tab, the rest to download. */
export function FilePreview({ file }: { file: FileView }) {
  if (isPicture(file.kind)) return <ImageViewer key={file.latest.number} file={file} />;
  return (
    <section className="panel" aria-labelledby="file-preview-title">
      <h4 className="panel__title" id="file-preview-title">
        Preview
      </h4>
      {file.kind === 'pdf' ? (
        <PdfLink file={file} />
      ) : (
        <p className="panel__intro">There is no preview of this kind of file here: download it from its versions.</p>
      )}
    </section>
  );
}
