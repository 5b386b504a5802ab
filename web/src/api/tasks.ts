import { api } from './client';
import { unwrap } from './http';
import type { MoveBody, NewTaskBody, TaskChangeBody } from './schema';

/** Typed calls for a project's board: its tasks, each one, and moving them. */

/** Every task, column by column, each column in order. */
export const fetchBoard = (id: string) =>
  unwrap(api.GET('/api/projects/{id}/tasks', { params: { path: { id } } })).then((body) => body.tasks);

/** New tasks go to the bottom of their column; 422 `assigneeId` for someone not on the project. */
export const createTask = (id: string, body: NewTaskBody) =>
  unwrap(api.POST('/api/projects/{id}/tasks', { params: { path: { id } }, body }));

export const fetchTask = (id: string, taskId: string) =>
  unwrap(api.GET('/api/projects/{id}/tasks/{taskId}', { params: { path: { id, taskId } } }));

/** Only what changed; `null` clears a field. A new `status` puts the task at the column's bottom. */
export const updateTask = (id: string, taskId: string, body: TaskChangeBody) =>
  unwrap(api.PATCH('/api/projects/{id}/tasks/{taskId}', { params: { path: { id, taskId } }, body }));

/** Where a task goes: a column, and its place among that column's other tasks (0 = top). */
export const moveTask = (id: string, taskId: string, body: MoveBody) =>
  unwrap(api.POST('/api/projects/{id}/tasks/{taskId}/move', { params: { path: { id, taskId } }, body }));

export const deleteTask = (id: string, taskId: string) =>
  unwrap(api.DELETE('/api/projects/{id}/tasks/{taskId}', { params: { path: { id, taskId } } }));
