import type { Priority, ProjectRole, ProjectStatus, TaskStatus } from '../api/vocabularies';

/**
 * The project vocabularies' words as the pages show them. The lists of the words themselves,
 * in the order the pages list them, are in api/vocabularies.ts.
 */

export { PRIORITIES, PROJECT_ROLES, PROJECT_STATUSES, TASK_STATUSES } from '../api/vocabularies';

export const PROJECT_STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  planning: 'Planning',
  active: 'Active',
  on_hold: 'On hold',
  completed: 'Completed',
  archived: 'Archived',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  todo: 'To do',
  in_progress: 'In progress',
  review: 'Review',
  done: 'Done',
  blocked: 'Blocked',
};

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
