import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteComment, editComment } from '../../../api/comments';
import type { ProjectMemberView, ProjectView } from '../../../api/schema';
import { useAuth } from '../../../auth/authContext';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useComments } from '../../../projects/queries';
import { projectKeys } from '../../../projects/queryKeys';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';

interface CommentsThreadProps {
  project: ProjectView;
  taskId: string;
  members: readonly ProjectMemberView[];
}

/** The task's conversation, oldest first; everyone on the project but viewers writes in it. */
export function CommentsThread({ project, taskId, members }: CommentsThreadProps) {
  const { user } = useAuth();
  const comments = useComments(project.id, taskId);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: projectKeys.comments(project.id, taskId) });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) => editComment(project.id, taskId, id, body),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteComment(project.id, taskId, id),
    onSuccess: refresh,
  });
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="drawer__section" aria-labelledby="comments-title">
      <h3 className="panel__title" id="comments-title">
        Comments
      </h3>
      <ErrorBanner error={comments.error ?? edit.error ?? remove.error} />
      {comments.isPending ? <p aria-busy="true">Loading comments…</p> : null}
      {comments.isSuccess && items.length === 0 ? <p className="panel__intro">No comments yet.</p> : null}
      {items.length ? (
        <ol className="comment-list" aria-label="Comments">
          {items.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              mine={Boolean(comment.authorId) && comment.authorId === user?.id}
              busy={(edit.isPending && edit.variables.id === comment.id) || (remove.isPending && remove.variables === comment.id)}
              onEdit={(body, done) => edit.mutate({ id: comment.id, body }, { onSuccess: done })}
              onDelete={() => remove.mutate(comment.id)}
            />
          ))}
        </ol>
      ) : null}
      {comments.hasNextPage ? (
        <div className="panel__actions">
          <button
            className="button button--secondary button--small"
            type="button"
            onClick={() => void comments.fetchNextPage()}
            disabled={comments.isFetchingNextPage}
          >
            {comments.isFetchingNextPage ? 'Loading…' : 'Show newer comments'}
          </button>
        </div>
      ) : null}
      {project.can.comment ? (
        <CommentForm projectId={project.id} taskId={taskId} members={members} />
      ) : (
        <p className="panel__intro">Only the project’s leads, editors and reviewers comment.</p>
      )}
    </section>
  );
}
