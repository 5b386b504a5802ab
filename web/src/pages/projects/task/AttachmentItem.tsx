import { Link } from 'react-router-dom';
import type { FileView } from '../../../api/schema';
import { filePath } from '../../../files/paths';
import { KIND_LABELS } from '../../../files/vocabulary';
import { FileThumbnail } from '../files/FileThumbnail';
import { ReviewBadge } from '../files/review/ReviewBadge';

interface AttachmentItemProps {
  file: FileView;
  /** Present for those who may take it off the task. */
  onRemove: (() => void) | undefined;
  removing: boolean;
}

/** One file on the task: its picture (once previewed), its name leading to it in Files, its newest version's review. */
export function AttachmentItem({ file, onRemove, removing }: AttachmentItemProps) {
  return (
    <li className="attachment">
      <FileThumbnail file={file} className="attachment__picture" />
      <div className="attachment__text">
        <Link className="attachment__name" to={filePath(file)}>
          {file.name}
        </Link>
        <p className="attachment__meta">
          {KIND_LABELS[file.kind]} · v{file.latest.number} <ReviewBadge state={file.latest.review} />
        </p>
      </div>
      {onRemove ? (
        <button
          className="button button--secondary button--small"
          type="button"
          aria-label={`Remove ${file.name}`}
          disabled={removing}
          onClick={onRemove}
        >
          Remove
        </button>
      ) : null}
    </li>
  );
}
