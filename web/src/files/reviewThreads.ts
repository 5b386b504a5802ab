import type { ReviewCommentView } from '../api/schema';

/**
 * A version's review comments as threads: each thread's first comment (its root, which holds
 * the pin and whether the thread is resolved) and its replies, oldest first. Threads are
 * numbered 1, 2, 3… in the order they were started; the number is what the image's marker
 * shows, and it does not change when resolved threads are hidden.
 */
export interface ReviewThread {
  number: number;
  root: ReviewCommentView;
  replies: ReviewCommentView[];
}

const isGone = (comment: ReviewCommentView) => Boolean(comment.deletedAt);

/**
 * Threads from the comments as the server lists them (oldest first, roots and replies
 * together). A thread whose root and every reply are deleted is left out: there is nothing
 * left to read. A reply whose root is not in the list (it never is, as every page is read)
 * is left out too.
 */
export function threadsOf(comments: readonly ReviewCommentView[]): ReviewThread[] {
  const replies = new Map<string, ReviewCommentView[]>();
  for (const comment of comments) {
    if (!comment.parentId) continue;
    const list = replies.get(comment.parentId) ?? [];
    list.push(comment);
    replies.set(comment.parentId, list);
  }
  const threads: ReviewThread[] = [];
  for (const root of comments) {
    if (root.parentId) continue;
    const answers = replies.get(root.id) ?? [];
    if (isGone(root) && answers.every(isGone)) continue;
    threads.push({ number: threads.length + 1, root, replies: answers });
  }
  return threads;
}

/** The threads to show: the open ones, and the resolved ones too when asked. */
export const shownThreads = (threads: readonly ReviewThread[], showResolved: boolean): ReviewThread[] =>
  showResolved ? [...threads] : threads.filter((thread) => !thread.root.resolved);

/** How many threads are resolved (what "Show resolved" would add). */
export const resolvedCount = (threads: readonly ReviewThread[]): number =>
  threads.filter((thread) => thread.root.resolved).length;

/** The thread that holds `commentId`, as its root or a reply. */
export const threadOf = (threads: readonly ReviewThread[], commentId: string): ReviewThread | undefined =>
  threads.find((thread) => thread.root.id === commentId || thread.replies.some((reply) => reply.id === commentId));
