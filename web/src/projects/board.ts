import type { MoveBody, TaskView } from '../api/schema';
import type { TaskStatus } from '../api/vocabularies';
import { TASK_STATUSES } from './vocabulary';

/**
 * The board as the pages see it: tasks grouped by column, each column in the order the
 * server sent (by position), and the same move the server makes, done locally first.
 */

export type Columns = Readonly<Record<TaskStatus, readonly TaskView[]>>;

export function columnsOf(tasks: readonly TaskView[]): Columns {
  const columns = Object.fromEntries(TASK_STATUSES.map((status) => [status, [] as TaskView[]])) as Record<TaskStatus, TaskView[]>;
  for (const task of tasks) columns[task.status]?.push(task);
  return columns;
}

/**
 * The board after `taskId` moves to `move.status` at `move.index` among that column's other
 * tasks (past the end means the bottom), as `POST …/move` does. Unknown ids change nothing.
 */
export function placeTask(tasks: readonly TaskView[], taskId: string, move: MoveBody): TaskView[] {
  const moving = tasks.find((task) => task.id === taskId);
  if (!moving) return [...tasks];
  const others = tasks.filter((task) => task.id !== taskId);
  const moved: TaskView = { ...moving, status: move.status };
  const column = others.filter((task) => task.status === move.status);
  const index = Math.max(0, Math.min(move.index, column.length));
  const result: TaskView[] = [];
  let placed = false;
  let seen = 0;
  for (const task of others) {
    if (task.status === move.status) {
      if (seen === index) {
        result.push(moved);
        placed = true;
      }
      seen += 1;
    }
    result.push(task);
  }
  if (!placed) result.push(moved);
  return result;
}

/** Where `taskId` sits now, in the same terms as a move (its index among the column's others). */
export function placeOf(tasks: readonly TaskView[], taskId: string): MoveBody | undefined {
  const task = tasks.find((candidate) => candidate.id === taskId);
  if (!task) return undefined;
  const index = tasks.filter((candidate) => candidate.status === task.status).findIndex((t) => t.id === taskId);
  return { status: task.status, index };
}

export const isSamePlace = (a: MoveBody | undefined, b: MoveBody) =>
  a !== undefined && a.status === b.status && a.index === b.index;
