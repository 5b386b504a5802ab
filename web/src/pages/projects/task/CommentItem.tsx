import { useState, type FormEvent } from 'react';
import type { CommentView } from '../../../api/schema';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { TextAreaField } from '../../../components/Field';
import { Markdown } from '../../../components/Markdown';
import { formatDateTime } from '../../account/formatDateTime';

interface CommentItemProps {
  comment: CommentView;
  /** The caller wrote it: they may edit and delete it. */
  mine: boolean;
  busy: boolean;
  onEdit: (body: string, done: () => void) => void;
  onDelete: () => void;
}

/** One comment: author, when, the text (safe Markdown); a deleted one stays as "Comment deleted". */
export function CommentItem({ comment, mine, busy, onEdit, onDelete }: CommentItemProps) {
  const [editing, setEditing] = useState(false);
  const author = comment.authorName ?? 'A former member';

  if (comment.deleted) {
    return (
      <li className="comment comment--deleted">
        <p>Comment deleted</p>
      </li>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = new FormData(event.currentTarget).get('body');
    if (typeof body === 'string' && body.trim()) onEdit(body.trim(), () => setEditing(false));
  }

  return (
    <li className="comment" aria-label={`${author}, ${formatDateTime(comment.createdAt)}`}>
      <p className="comment__meta">
        <strong>{author}</strong>{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt ? <span title={formatDateTime(comment.editedAt)}> · edited</span> : null}
      </p>
      {editing ? (
        <form className="form" onSubmit={submit}>
          <TextAreaField label="Edit comment" name="body" rows={3} required maxLength={5000} defaultValue={comment.body} autoFocus />
          <div className="form__actions">
            <button className="button button--primary button--small" type="submit" disabled={busy}>
              Save
            </button>
            <button className="button button--secondary button--small" type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <Markdown className="comment__body" source={comment.body} />
      )}
      {mine && !editing ? (
        <div className="item-list__actions">
          <button className="button button--secondary button--small" type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <ConfirmAction label="Delete" prompt="Delete this comment?" confirmLabel="Yes, delete" onConfirm={onDelete} pending={busy} small />
        </div>
      ) : null}
    </li>
  );
}
