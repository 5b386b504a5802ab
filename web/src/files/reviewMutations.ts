import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changeReviewComment, decideReview, deleteReviewComment, postReviewComment, requestReview } from '../api/review';
import type { DecisionBody, ReviewCommentBody, ReviewCommentChange, ReviewCommentView, ReviewView } from '../api/schema';
import { fileKeys } from './queryKeys';

/**
 * The changes to a version's design review, one hook each. What the server answers goes into
 * the cache at once; the comments are then read again (someone else may have written meanwhile).
 */

function useCommentsCache(fileId: string, number: number) {
  const queryClient = useQueryClient();
  const key = fileKeys.versionComments(fileId, number);
  return {
    put: (comment: ReviewCommentView) =>
      queryClient.setQueryData<ReviewCommentView[]>(key, (held) => {
        if (!held) return held;
        const at = held.findIndex((one) => one.id === comment.id);
        if (at < 0) return [...held, comment];
        const next = [...held];
        next[at] = comment;
        return next;
      }),
    refresh: () => queryClient.invalidateQueries({ queryKey: key }),
  };
}

/** A new thread (pinned or not) or a reply. */
export function usePostReviewComment(fileId: string, number: number) {
  const cache = useCommentsCache(fileId, number);
  return useMutation({
    mutationFn: (body: ReviewCommentBody) => postReviewComment(fileId, number, body),
    onSuccess: (comment) => {
      cache.put(comment);
      void cache.refresh();
    },
  });
}

/** A change to one comment, named by its id. */
export type CommentChange = ReviewCommentChange & { id: string };

/** A comment's new text, or its thread resolved or reopened. */
export function useChangeReviewComment(fileId: string, number: number) {
  const cache = useCommentsCache(fileId, number);
  return useMutation({
    mutationFn: ({ id, ...body }: CommentChange) => changeReviewComment(fileId, id, body),
    onSuccess: (comment) => {
      cache.put(comment);
      void cache.refresh();
    },
  });
}

export function useDeleteReviewComment(fileId: string, number: number) {
  const cache = useCommentsCache(fileId, number);
  return useMutation({ mutationFn: (id: string) => deleteReviewComment(fileId, id), onSuccess: () => cache.refresh() });
}

/** After a decision or a request: the review as answered, and the badges that show its state. */
function useReviewSettled(fileId: string, number: number, projectId: string) {
  const queryClient = useQueryClient();
  return (review: ReviewView) => {
    queryClient.setQueryData(fileKeys.review(fileId, number), review);
    void queryClient.invalidateQueries({ queryKey: fileKeys.one(fileId), exact: true });
    void queryClient.invalidateQueries({ queryKey: fileKeys.versions(fileId) });
    void queryClient.invalidateQueries({ queryKey: fileKeys.lists(projectId) });
  };
}

/** The caller approves the version or asks for changes (with an optional note). */
export function useDecideReview(fileId: string, number: number, projectId: string) {
  const settled = useReviewSettled(fileId, number, projectId);
  return useMutation({ mutationFn: (body: DecisionBody) => decideReview(fileId, number, body), onSuccess: settled });
}

/** Asks people on the project to review the version. */
export function useRequestReview(fileId: string, number: number, projectId: string) {
  const settled = useReviewSettled(fileId, number, projectId);
  return useMutation({ mutationFn: (reviewers: string[]) => requestReview(fileId, number, reviewers), onSuccess: settled });
}
