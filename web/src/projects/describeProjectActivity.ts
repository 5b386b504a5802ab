import { isRecord } from '../api/errors';
import type { ActivityView } from '../api/schema';
import { labelOf, PROJECT_ROLE_LABELS, PROJECT_STATUS_LABELS, TASK_STATUS_LABELS } from './vocabulary';

/**
 * One project feed entry in words, after the actor's name: `moved "Logo" from To do to
 * Review`. `nameOf` turns a person's id into their name for entries that name nobody.
 */
export function describeProjectActivity(activity: ActivityView, nameOf: (userId: string) => string | undefined): string {
  const title = activity.entityTitle ?? '';
  const quoted = title ? `“${title}”` : 'a task';
  const fileName = title ? `“${title}”` : 'a file';
  const meta = isRecord(activity.metadata) ? activity.metadata : {};
  const text = (key: string) => {
    const value = meta[key];
    return typeof value === 'string' ? value : undefined;
  };
  const userId = text('userId');
  const who = (userId && nameOf(userId)) || 'someone';
  const from = text('from');
  const to = text('to');
  switch (activity.action) {
    case 'project.created':
      return 'created the project';
    case 'project.updated':
      return "updated the project's details";
    case 'project.status_changed':
      return from && to
        ? `changed the status from ${labelOf(PROJECT_STATUS_LABELS, from)} to ${labelOf(PROJECT_STATUS_LABELS, to)}`
        : 'changed the status';
    case 'project.member_set': {
      const role = text('role');
      return role ? `made ${who} ${labelOf(PROJECT_ROLE_LABELS, role)} on the project` : `put ${who} on the project`;
    }
    case 'project.member_removed':
      return `took ${who} off the project`;
    case 'task.created':
      return `added the task ${quoted}`;
    case 'task.updated':
      return `updated the task ${quoted}`;
    case 'task.moved':
      if (from && to && from !== to) {
        return `moved ${quoted} from ${labelOf(TASK_STATUS_LABELS, from)} to ${labelOf(TASK_STATUS_LABELS, to)}`;
      }
      return to ? `reordered ${quoted} in ${labelOf(TASK_STATUS_LABELS, to)}` : `moved ${quoted}`;
    case 'task.deleted':
      return `deleted the task ${quoted}`;
    case 'comment.created':
      return `commented on ${quoted}`;
    case 'file.created':
      return `uploaded ${fileName}`;
    case 'file.version_added': {
      const version = meta.version;
      return typeof version === 'number' ? `uploaded version ${version} of ${fileName}` : `uploaded a new version of ${fileName}`;
    }
    case 'file.renamed':
      return title ? `renamed a file to “${title}”` : 'renamed a file';
    case 'file.deleted':
      return `deleted ${fileName}`;
    case 'review.commented':
      return `commented on ${ofVersion(meta.version, fileName)}`;
    case 'review.comment_edited':
      return `edited a comment on ${ofVersion(meta.version, fileName)}`;
    case 'review.comment_deleted':
      return `deleted a comment on ${ofVersion(meta.version, fileName)}`;
    case 'review.comment_resolved':
      return `resolved a thread on ${ofVersion(meta.version, fileName)}`;
    case 'review.comment_reopened':
      return `reopened a thread on ${ofVersion(meta.version, fileName)}`;
    case 'review.decided': {
      const decision = text('decision');
      const what = ofVersion(meta.version, fileName);
      if (decision === 'approved') return `approved ${what}`;
      if (decision === 'changes_requested') return `asked for changes to ${what}`;
      return `reviewed ${what}`;
    }
    case 'review.requested':
      return `asked for a review of ${ofVersion(meta.version, fileName)}`;
    default: {
      // An action this version of the app does not know yet: still say something true.
      const words = activity.action.replace(/[._]/g, ' ');
      return title ? `${words}: ${title}` : words;
    }
  }
}

/** "version 2 of “logo.png”", or the file alone when the version is not known. */
function ofVersion(version: unknown, fileName: string): string {
  return typeof version === 'number' ? `version ${version} of ${fileName}` : fileName;
}
