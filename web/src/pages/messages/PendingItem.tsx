import { discardMessage, retryMessage } from '../../messaging/actions';
import type { PendingMessage } from '../../messaging/messageLog';
import { AttachmentChip } from './AttachmentChip';

/** A message (and its files) on its way ("Sending…") or refused (the reason, Retry and Discard). */
export function PendingItem({ pending, author }: { pending: PendingMessage; author: string }) {
  const failed = pending.status === 'failed';
  return (
    <li className={failed ? 'message message--failed' : 'message message--pending'} aria-busy={!failed}>
      <p className="message__meta">
        <strong>{author}</strong> <span className="message__state">{failed ? 'Not sent' : 'Sending…'}</span>
      </p>
      <p className="message__body">{pending.body}</p>
      {pending.attachments.length ? (
        <ul className="attachment-chips message__attachments" aria-label="Attachments">
          {pending.attachments.map((file) => (
            <AttachmentChip key={file.id} name={file.name} size={file.size} />
          ))}
        </ul>
      ) : null}
      {failed ? (
        <div className="message__actions">
          {pending.error ? <span className="message__error">{pending.error}</span> : null}
          <button className="link-button" type="button" onClick={() => retryMessage(pending.conversationId, pending.clientId)}>
            Retry
          </button>
          <button className="link-button" type="button" onClick={() => discardMessage(pending.conversationId, pending.clientId)}>
            Discard
          </button>
        </div>
      ) : null}
    </li>
  );
}
