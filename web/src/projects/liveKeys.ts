import type { InvalidateQueryFilters } from '@tanstack/react-query';
import { projectKeys } from './queryKeys';

/** The board events of docs/REALTIME.md: each names a change, not a record. */
export const BOARD_EVENTS = [
  'task:created',
  'task:updated',
  'task:moved',
  'task:deleted',
  'milestone:created',
  'milestone:updated',
  'milestone:deleted',
  'comment:created',
  'comment:updated',
  'comment:deleted',
  'activity:new',
] as const;

/** What a change makes stale: the views that show it are read again (they stay the only shapes). */
export function staleAfter(event: string, projectId: string): InvalidateQueryFilters[] {
  const tasks = { queryKey: [...projectKeys.one(projectId), 'task'] };
  if (event.startsWith('task:')) {
    // A task's move or completion also shows on its milestone's progress.
    return [{ queryKey: projectKeys.board(projectId) }, tasks, { queryKey: projectKeys.milestones(projectId) }];
  }
  if (event.startsWith('milestone:')) {
    return [{ queryKey: projectKeys.milestones(projectId) }, { queryKey: projectKeys.board(projectId) }];
  }
  if (event.startsWith('comment:')) return [tasks];
  // Every recorded change, the project's own details and people included.
  return [
    { queryKey: projectKeys.activity(projectId) },
    { queryKey: projectKeys.one(projectId), exact: true },
    { queryKey: projectKeys.members(projectId) },
  ];
}
