import { useState } from 'react';
import type { MessageView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Markdown } from '../../components/Markdown';
import { deleteMessage, editMessage, reactToMessage } from '../../messaging/actions';
import { formatDateTime } from '../account/formatDateTime';
import { EditMessageForm } from './EditMessageForm';
import { MessageAttachments } from './MessageAttachments';
import { Reactions } from './Reactions';

interface MessageItemProps {
  message: MessageView;
  me: string;
  /** Opens the message's thread; absent for replies (threads are one level deep). */
  onOpenThread?: () => void;
}

function repliesLabel(count: number): string {
  if (count === 0) return 'Reply in thread';
  return count === 1 ? '1 reply' : `${count} replies`;
}

/**
 * One message: author, time, text (safe Markdown) and "edited"; its files; its reactions; its thread;
 * and for its author, Edit and Delete. A deleted one stays in place as "Message deleted".
 */
export function MessageItem({ message, me, onOpenThread }: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const author = message.authorName ?? 'A former member';
  const mine = message.authorId === me;

  function run(action: () => Promise<void>, after?: () => void) {
    setBusy(true);
    setError(null);
    action()
      .then(() => after?.())
      .catch(setError)
      .finally(() => setBusy(false));
  }

  return (
    <li className={message.deleted ? 'message message--deleted' : 'message'} aria-label={`${author}, ${formatDateTime(message.createdAt)}`}>
      <p className="message__meta">
        <strong>{author}</strong> <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
        {message.editedAt && !message.deleted ? (
          <span className="message__edited" title={formatDateTime(message.editedAt)}>
            {' '}
            · edited
          </span>
        ) : null}
      </p>
      {message.deleted ? (
        <p className="message__tombstone">Message deleted</p>
      ) : editing ? (
        <EditMessageForm
          body={message.body}
          busy={busy}
          onSave={(body) => run(() => editMessage(message.id, body), () => setEditing(false))}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Markdown className="message__body" source={message.body} />
      )}
      <MessageAttachments message={message} />
      <ErrorBanner error={error} />
      <div className="message__footer">
        {message.deleted ? null : (
          <Reactions message={message} me={me} busy={busy} onReact={(emoji, on) => run(() => reactToMessage(message.id, emoji, on))} />
        )}
        <div className="message__actions">
          {onOpenThread && (!message.deleted || message.replyCount > 0) ? (
            <button className="link-button" type="button" onClick={onOpenThread}>
              {repliesLabel(message.replyCount)}
            </button>
          ) : null}
          {mine && !message.deleted && !editing && !confirming ? (
            <>
              <button className="link-button" type="button" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button className="link-button link-button--danger" type="button" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </>
          ) : null}
          {confirming && !message.deleted ? (
            <span className="message__confirm" role="group" aria-label="Confirm deletion">
              Delete for everyone?
              <button
                className="link-button link-button--danger"
                type="button"
                disabled={busy}
                onClick={() => run(() => deleteMessage(message.id), () => setConfirming(false))}
              >
                Delete message
              </button>
              <button className="link-button" type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : null}
        </div>
      </div>
    </li>
  );
}
