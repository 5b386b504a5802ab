import type { InvalidateQueryFilters } from '@tanstack/react-query';
import { fileKeys } from '../files/queryKeys';
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

/** The files events: a file uploaded, given a new version, renamed, deleted, or its previews made (`entityId`). */
export const FILE_EVENTS = ['file:created', 'file:version', 'file:updated', 'file:deleted', 'file:preview'] as const;

/**
 * The design review's events (`entityId` the file): a review comment written, edited, deleted,
 * resolved or reopened; a decision on a version.
 */
export const REVIEW_EVENTS = ['review:comment', 'review:decision'] as const;

/**
 * What a change makes stale: the views that show it are read again (they stay the only shapes).
 * `entityId` is what changed, when the event names it (a file).
 */
export function staleAfter(event: string, projectId: string, entityId?: string | null): InvalidateQueryFilters[] {
  if (event === 'review:comment') {
    // Only the file's comments (whichever version: the event's metadata is not needed).
    return entityId ? [{ queryKey: fileKeys.comments(entityId) }] : [{ queryKey: fileKeys.all }];
  }
  // The board's cards show their files' review state, and the task drawer their names and pictures.
  const taskFiles = { queryKey: projectKeys.taskFiles(projectId) };
  if (event === 'review:decision') {
    // The version's state shows on the file (its newest version), its version stack, its
    // review, and the lists' and cards' badges.
    const lists = { queryKey: fileKeys.lists(projectId) };
    if (!entityId) return [lists, taskFiles, { queryKey: fileKeys.all }];
    return [
      lists,
      taskFiles,
      { queryKey: fileKeys.one(entityId), exact: true },
      { queryKey: fileKeys.versions(entityId) },
      { queryKey: fileKeys.reviews(entityId) },
    ];
  }
  if (event.startsWith('file:')) {
    // The lists it shows in, whatever their filters; the file and its versions if open (a
    // deleted one then says so), and the tasks it is attached to. Its versions' bytes never
    // change: they stay.
    const lists = { queryKey: fileKeys.lists(projectId) };
    return entityId ? [lists, taskFiles, { queryKey: fileKeys.one(entityId) }] : [lists, taskFiles];
  }
  const tasks = { queryKey: [...projectKeys.one(projectId), 'task'] };
  if (event.startsWith('task:')) {
    // A task's move or completion also shows on its milestone's progress; a file attached to
    // it or taken off (also `task:updated`) on its card and in its drawer.
    return [{ queryKey: projectKeys.board(projectId) }, tasks, { queryKey: projectKeys.milestones(projectId) }, taskFiles];
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
