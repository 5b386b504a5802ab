import type { ReviewCommentView } from '../../../../api/schema';
import { CommentCard } from '../../../../components/CommentCard';
import { useChangeReviewComment, useDeleteReviewComment } from '../../../../files/reviewMutations';

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
  const change = useChangeReviewComment(fileId, number);
  const remove = useDeleteReviewComment(fileId, number);
  const edited = comment.updatedAt && comment.updatedAt !== comment.createdAt ? comment.updatedAt : null;

  return (
    <CommentCard
      as="article"
      className="review-comment"
      labelDeleted
      labelEditForm
      authorName={comment.authorName}
      createdAt={comment.createdAt}
      editedAt={edited}
      body={comment.body}
      deleted={Boolean(comment.deletedAt)}
      canEdit={comment.canEdit}
      savePending={change.isPending}
      deletePending={remove.isPending}
      onSave={(body, done) => change.mutate({ id: comment.id, body }, { onSuccess: done })}
      onDelete={() => remove.mutate(comment.id)}
      error={change.error ?? remove.error}
    />
  );
}
