import type { FileView, TaskFileView } from '../api/schema';
import type { ReviewState } from '../api/vocabularies';

/**
 * The files attached to a project's tasks, as the board's cards and the task drawer show them:
 * how many each task has, and the review state its card shows, the "worst" of its files' newest
 * versions (changes requested beats approved; pending alone shows nothing).
 */
export interface TaskAttachments {
  count: number;
  /** The state the card's badge shows; null when every file is still pending. */
  review: Exclude<ReviewState, 'pending'> | null;
}

/** How much each state weighs on a card: the heaviest wins. */
const WEIGHT: Readonly<Record<ReviewState, number>> = { pending: 0, approved: 1, changes_requested: 2 };

/** The badge of several files' states: the heaviest, or null when none was decided (or there are none). */
export function worstReview(states: Iterable<ReviewState>): TaskAttachments['review'] {
  let worst: ReviewState = 'pending';
  for (const state of states) if (WEIGHT[state] > WEIGHT[worst]) worst = state;
  return worst === 'pending' ? null : worst;
}

/** Each task's attachments (tasks with none are not in the map). */
export function attachmentsByTask(items: readonly TaskFileView[]): Map<string, TaskAttachments> {
  const states = new Map<string, ReviewState[]>();
  for (const { taskId, file } of items) {
    const held = states.get(taskId) ?? [];
    held.push(file.latest.review);
    states.set(taskId, held);
  }
  return new Map([...states].map(([taskId, held]) => [taskId, { count: held.length, review: worstReview(held) }]));
}

/** One task's files, in the order they were attached. */
export const filesOfTask = (items: readonly TaskFileView[], taskId: string): FileView[] =>
  items.filter((item) => item.taskId === taskId).map((item) => item.file);

/** The project's files that may still be attached to a task: those not on it already. */
export function attachable(files: readonly FileView[], attached: readonly FileView[]): FileView[] {
  const on = new Set(attached.map((file) => file.id));
  return files.filter((file) => !on.has(file.id));
}

/**
 * The board's list after the server answered an attach with the task's files now: that task's
 * entries replaced, the other tasks' kept.
 */
export function withTaskFiles(items: readonly TaskFileView[], taskId: string, now: readonly TaskFileView[]): TaskFileView[] {
  return [...items.filter((item) => item.taskId !== taskId), ...now];
}

/** The board's list without one file on one task (after it was detached). */
export const withoutTaskFile = (items: readonly TaskFileView[], taskId: string, fileId: string): TaskFileView[] =>
  items.filter((item) => !(item.taskId === taskId && item.file.id === fileId));

/** "1 file", "3 files". */
export const fileCount = (count: number): string => (count === 1 ? '1 file' : `${count} files`);
