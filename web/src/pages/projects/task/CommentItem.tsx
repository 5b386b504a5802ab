import type { CommentView } from '../../../api/schema';
import { CommentCard } from '../../../components/CommentCard';

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
  return (
    <CommentCard
      as="li"
      className="comment"
      authorName={comment.authorName}
      createdAt={comment.createdAt}
      editedAt={comment.editedAt ?? null}
      body={comment.body}
      deleted={comment.deleted}
      canEdit={mine}
      savePending={busy}
      deletePending={busy}
      onSave={onEdit}
      onDelete={onDelete}
    />
  );
}
