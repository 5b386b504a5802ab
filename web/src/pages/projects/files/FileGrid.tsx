import { Link } from 'react-router-dom';
import type { FileView } from '../../../api/schema';
import { formatSize } from '../../../files/formatSize';
import { filePath } from '../../../files/paths';
import { KIND_LABELS } from '../../../files/vocabulary';
import { FileThumbnail } from './FileThumbnail';
import { ReviewBadge } from './review/ReviewBadge';

/** The files as tiles: a picture (or the kind's tile), the name leading to the file, kind, size and versions, the newest version's review. */
export function FileGrid({ files }: { files: readonly FileView[] }) {
  return (
    <ul className="file-grid" aria-label="Files">
      {files.map((file) => (
        <li key={file.id} className="file-card">
          <Link className="file-card__link" to={filePath(file)}>
            <FileThumbnail file={file} />
            <span className="file-card__name">{file.name}</span>
          </Link>
          <p className="file-card__meta">
            {KIND_LABELS[file.kind]} · {formatSize(file.latest.size)} · v{file.versionCount}
          </p>
          <ReviewBadge state={file.latest.review} />
        </li>
      ))}
    </ul>
  );
}
