import type { Priority, ProjectRole, ProjectStatus, TaskStatus } from '../api/projectTypes';

/** The project vocabularies in the order the pages list them, and their words. */

export const PROJECT_STATUSES: readonly ProjectStatus[] = ['planning', 'active', 'on_hold', 'completed', 'archived'];

export const PROJECT_STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  planning: 'Planning',
  active: 'Active',
  on_hold: 'On hold',
  completed: 'Completed',
  archived: 'Archived',
};

export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'urgent'];

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/** The board's columns, left to right. */
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'review', 'done', 'blocked'];

export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  todo: 'To do',
  in_progress: 'In progress',
  review: 'Review',
  done: 'Done',
  blocked: 'Blocked',
};

/** From most to least able. */
export const PROJECT_ROLES: readonly ProjectRole[] = ['lead', 'editor', 'reviewer', 'viewer'];

export const PROJECT_ROLE_LABELS: Readonly<Record<ProjectRole, string>> = {
  lead: 'Lead',
  editor: 'Editor',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

export const optionsOf = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>) =>
  values.map((value) => ({ value, label: labels[value] }));

/** A label for a word that may be one this version does not know. */
export function labelOf<T extends string>(labels: Readonly<Record<T, string>>, word: string): string {
  return word in labels ? labels[word as T] : word.replace(/_/g, ' ');
}
