import { useState, type FormEvent } from 'react';
import type { ReviewCommentView } from '../../../../api/schema';
import { ConfirmAction } from '../../../../components/ConfirmAction';
import { ErrorBanner } from '../../../../components/ErrorBanner';
import { TextAreaField } from '../../../../components/Field';
import { formText } from '../../../../components/fieldErrors';
import { Markdown } from '../../../../components/Markdown';
import { useChangeReviewComment, useDeleteReviewComment } from '../../../../files/reviewMutations';
import { formatDateTime } from '../../../account/formatDateTime';

interface ReviewCommentItemProps {
  comment: ReviewCommentView;
  fileId: string;
  number: number;
}

/**
 * One review comment: author, when, its text (safe Markdown: nothing is inserted as HTML);
 * its author edits or deletes it (`canEdit`). A deleted one stays as "Comment deleted".
 */
export function ReviewCommentItem({ comment, fileId, number }: ReviewCommentItemProps) {
  const [editing, setEditing] = useState(false);
  const change = useChangeReviewComment(fileId, number);
  const remove = useDeleteReviewComment(fileId, number);
  const author = comment.authorName ?? 'A former member';

  if (comment.deletedAt) {
    return (
      <article className="review-comment review-comment--deleted" aria-label="Comment deleted">
        <p>Comment deleted</p>
      </article>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = formText(event.currentTarget, 'body');
    if (body) change.mutate({ id: comment.id, body }, { onSuccess: () => setEditing(false) });
  }

  return (
    <article className="review-comment" aria-label={`${author}, ${formatDateTime(comment.createdAt)}`}>
      <p className="comment__meta">
        <strong>{author}</strong> <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.updatedAt && comment.updatedAt !== comment.createdAt ? (
          <span title={formatDateTime(comment.updatedAt)}> · edited</span>
        ) : null}
      </p>
      {editing ? (
        <form className="form" aria-label="Edit comment" onSubmit={submit}>
          <TextAreaField
            label="Edit comment"
            name="body"
            rows={3}
            required
            maxLength={5000}
            defaultValue={comment.body}
            autoFocus
          />
          <div className="form__actions">
            <button className="button button--primary button--small" type="submit" disabled={change.isPending}>
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
      <ErrorBanner error={change.error ?? remove.error} />
      {comment.canEdit && !editing ? (
        <div className="item-list__actions">
          <button className="button button--secondary button--small" type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <ConfirmAction
            label="Delete"
            prompt="Delete this comment?"
            confirmLabel="Yes, delete"
            onConfirm={() => remove.mutate(comment.id)}
            pending={remove.isPending}
            small
          />
        </div>
      ) : null}
    </article>
  );
}
