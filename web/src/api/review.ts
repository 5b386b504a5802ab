import { api } from './client';
import { unwrap } from './http';
import type { DecisionBody, ReviewCommentBody, ReviewCommentChange, ReviewCommentView } from './schema';

/**
 * Typed calls for the design review of a file's versions: comments pinned to a version (in
 * threads one reply deep, resolvable), and each reviewer's decision on it.
 */

/** Every comment on the version, oldest first, roots and replies together (all the pages). */
export async function fetchReviewComments(id: string, number: number): Promise<ReviewCommentView[]> {
  const items: ReviewCommentView[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/files/{id}/versions/{number}/comments', { params: { path: { id, number }, query: { cursor } } }),
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A new thread (with a `pin` on the image, or none) or, with `parentId`, a reply to one. */
export const postReviewComment = (id: string, number: number, body: ReviewCommentBody) =>
  unwrap(api.POST('/api/files/{id}/versions/{number}/comments', { params: { path: { id, number } }, body }));

/** The text (its author only) or whether the thread is resolved (any commenter, thread roots only). */
export const changeReviewComment = (id: string, commentId: string, body: ReviewCommentChange) =>
  unwrap(api.PATCH('/api/files/{id}/comments/{commentId}', { params: { path: { id, commentId } }, body }));

/** Its author only; a tombstone stays so that the thread's replies keep their place. */
export const deleteReviewComment = (id: string, commentId: string): Promise<void> =>
  unwrap(api.DELETE('/api/files/{id}/comments/{commentId}', { params: { path: { id, commentId } } })).then(() => undefined);

/** The version's review: its state, each reviewer's current decision, who was asked. */
export const fetchReview = (id: string, number: number) =>
  unwrap(api.GET('/api/files/{id}/versions/{number}/review', { params: { path: { id, number } } }));

/** The caller's decision (project leads and reviewers), replacing any earlier one of theirs. */
export const decideReview = (id: string, number: number, body: DecisionBody) =>
  unwrap(api.PUT('/api/files/{id}/versions/{number}/review', { params: { path: { id, number } }, body }));

/** Asks people on the project who may decide (leads and reviewers) to review the version. */
export const requestReview = (id: string, number: number, reviewers: string[]) =>
  unwrap(
    api.POST('/api/files/{id}/versions/{number}/review/requests', { params: { path: { id, number } }, body: { reviewers } }),
  );
