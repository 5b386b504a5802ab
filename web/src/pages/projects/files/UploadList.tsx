import type { Upload } from '../../../files/uploadQueue';
import { UploadItem } from './UploadItem';

/** The files on their way to one place; a finished one leaves, so an empty list shows nothing. */
export function UploadList({ uploads }: { uploads: readonly Upload[] }) {
  if (!uploads.length) return null;
  return (
    <ul className="item-list upload-list" aria-label="Uploads">
      {uploads.map((upload) => (
        <UploadItem key={upload.id} upload={upload} />
      ))}
    </ul>
  );
}
