import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { percentSent } from '../../files/uploadQueue';
import type { AttachmentDraft } from '../../messaging/attachmentDrafts';
import { AttachmentChip } from './AttachmentChip';

interface AttachmentDraftListProps {
  items: readonly AttachmentDraft[];
  onRemove: (key: number) => void;
}

/** The files the next message goes with, above the text box: each one's upload, the server's refusal, and ×. */
export function AttachmentDraftList({ items, onRemove }: AttachmentDraftListProps) {
  return (
    <ul className="attachment-chips" aria-label="Attachments to send">
      {items.map((item) => (
        <AttachmentChip
          key={item.key}
          name={item.name}
          size={item.size}
          className={item.status === 'failed' ? 'attachment-chip--failed' : undefined}
        >
          {item.status === 'uploading' ? <ProgressBar value={percentSent(item)} label={`Upload of ${item.name}`} /> : null}
          <button
            className="attachment-chip__remove"
            type="button"
            aria-label={`Remove ${item.name}`}
            title="Remove"
            onClick={() => onRemove(item.key)}
          >
            ×
          </button>
          {item.status === 'failed' ? <ErrorBanner error={item.error} /> : null}
        </AttachmentChip>
      ))}
    </ul>
  );
}
