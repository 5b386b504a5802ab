import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../pages/account/formatDateTime';
import { EditDeleteActions } from './EditDeleteActions';
import { ErrorBanner } from './ErrorBanner';
import { TextAreaField } from './Field';
import { formText } from './fieldErrors';
import { Markdown } from './Markdown';

export interface CommentCardProps {
  /** The element around the comment: a list item in a task's thread, an article in a review thread. */
  as: 'li' | 'article';
  /** Its class (`comment`, `review-comment`); a deleted one also gets `<className>--deleted`. */
  className: string;
  /** Gives the "Comment deleted" placeholder that accessible name too. */
  labelDeleted?: boolean;
  /** Names the edit form "Edit comment" (which makes it a form landmark). */
  labelEditForm?: boolean;
  /** None once its author has left. */
  authorName: string | null | undefined;
  createdAt: string;
  /** When it was last changed; null when it never was. */
  editedAt: string | null;
  /** Markdown. */
  body: string;
  deleted: boolean;
  /** The reader may edit and delete it. */
  canEdit: boolean;
  /** An edit is being saved: Save is disabled. */
  savePending: boolean;
  /** A delete is under way: its confirmation is disabled. */
  deletePending: boolean;
  /** The new text, trimmed and not blank; call `done` once it is saved to close the form. */
  onSave: (body: string, done: () => void) => void;
  onDelete: () => void;
  /** A failed edit or delete, shown under the text. */
  error?: unknown;
}

/**
 * One comment: author, when, its text (safe Markdown: nothing is inserted as HTML), an
 * "edited" mark; whoever may edit it edits or deletes it here. A deleted one stays as
 * "Comment deleted". Task comments and design-review comments both use it.
 */
export function CommentCard({
  as: Root,
  className,
  labelDeleted,
  labelEditForm,
  authorName,
  createdAt,
  editedAt,
  body,
  deleted,
  canEdit,
  savePending,
  deletePending,
  onSave,
  onDelete,
  error,
}: CommentCardProps) {
  const [editing, setEditing] = useState(false);
  const author = authorName ?? 'A former member';

  if (deleted) {
    return (
      <Root className={`${className} ${className}--deleted`} aria-label={labelDeleted ? 'Comment deleted' : undefined}>
        <p>Comment deleted</p>
      </Root>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = formText(event.currentTarget, 'body');
    if (text) onSave(text, () => setEditing(false));
  }

  return (
    <Root className={className} aria-label={`${author}, ${formatDateTime(createdAt)}`}>
      <p className="comment__meta">
        <strong>{author}</strong> <time dateTime={createdAt}>{formatDateTime(createdAt)}</time>
        {editedAt ? <span title={formatDateTime(editedAt)}> · edited</span> : null}
      </p>
      {editing ? (
        <form className="form" aria-label={labelEditForm ? 'Edit comment' : undefined} onSubmit={submit}>
          <TextAreaField label="Edit comment" name="body" rows={3} required maxLength={5000} defaultValue={body} autoFocus />
          <div className="form__actions">
            <button className="button button--primary button--small" type="submit" disabled={savePending}>
              Save
            </button>
            <button className="button button--secondary button--small" type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <Markdown className="comment__body" source={body} />
      )}
      <ErrorBanner error={error} />
      {canEdit && !editing ? (
        <EditDeleteActions
          editLabel="Edit"
          onEdit={() => setEditing(true)}
          deleteLabel="Delete"
          deletePrompt="Delete this comment?"
          onDelete={onDelete}
          deletePending={deletePending}
        />
      ) : null}
    </Root>
  );
}
