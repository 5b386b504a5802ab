/**
 * Query keys of the project data. Everything lives under ['account'], so it is dropped when
 * the session ends (see AuthProvider), and under one project's key, so a change there can
 * refresh all of it at once.
 */
const ALL = ['account', 'projects'] as const;

export const projectKeys = {
  all: ALL,
  /** Every filtered list (of every organization). */
  lists: () => [...ALL, 'list'] as const,
  list: (filters: object) => [...ALL, 'list', filters] as const,
  one: (id: string) => [...ALL, 'one', id] as const,
  members: (id: string) => [...ALL, 'one', id, 'members'] as const,
  board: (id: string) => [...ALL, 'one', id, 'board'] as const,
  /** The files attached to the project's tasks, all of them at once (the board's cards and the task drawer). */
  taskFiles: (id: string) => [...ALL, 'one', id, 'task-files'] as const,
  task: (id: string, taskId: string) => [...ALL, 'one', id, 'task', taskId] as const,
  comments: (id: string, taskId: string) => [...ALL, 'one', id, 'task', taskId, 'comments'] as const,
  milestones: (id: string) => [...ALL, 'one', id, 'milestones'] as const,
  activity: (id: string) => [...ALL, 'one', id, 'activity'] as const,
};

export const notificationKeys = {
  all: ['account', 'notifications'] as const,
};
