import { PaperclipIcon } from '../../../components/PaperclipIcon';
import { fileCount, type TaskAttachments } from '../../../projects/taskAttachments';
import { ReviewBadge } from '../files/review/ReviewBadge';

/** A card's attached files: how many, and their review when any was decided (the worst of them). */
export function TaskCardFiles({ attachments }: { attachments: TaskAttachments }) {
  return (
    <p className="task-card__files">
      <span className="task-card__file-count" title="Attached files">
        <PaperclipIcon />
        <span className="visually-hidden">Attached: </span>
        <span>{fileCount(attachments.count)}</span>
      </span>
      {attachments.review ? <ReviewBadge state={attachments.review} /> : null}
    </p>
  );
}
