import { apiRequest } from './client';
import { projectPath } from './projects';
import type { Task, TaskChanges, TaskInput, TaskMove } from './projectTypes';
import type { MessageResponse } from './types';

/** Typed calls for a project's board: its tasks, each one, and moving them. */

export const taskPath = (projectId: string, taskId: string) =>
  `${projectPath(projectId)}/tasks/${encodeURIComponent(taskId)}`;

/** Every task, column by column, each column in order. */
export const fetchBoard = (projectId: string) =>
  apiRequest<{ tasks: Task[] }>('GET', `${projectPath(projectId)}/tasks`).then((body) => body.tasks);

/** New tasks go to the bottom of their column; 422 `assigneeId` for someone not on the project. */
export const createTask = (projectId: string, input: TaskInput) =>
  apiRequest<Task>('POST', `${projectPath(projectId)}/tasks`, input);

export const fetchTask = (projectId: string, taskId: string) => apiRequest<Task>('GET', taskPath(projectId, taskId));

export const updateTask = (projectId: string, taskId: string, changes: TaskChanges) =>
  apiRequest<Task>('PATCH', taskPath(projectId, taskId), changes);

export const moveTask = (projectId: string, taskId: string, move: TaskMove) =>
  apiRequest<Task>('POST', `${taskPath(projectId, taskId)}/move`, move);

export const deleteTask = (projectId: string, taskId: string) =>
  apiRequest<MessageResponse>('DELETE', taskPath(projectId, taskId));
