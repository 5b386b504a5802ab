import { isRecord } from '../api/errors';
import type { NotificationView } from '../api/schema';

/**
 * Where a notification leads, from the ids in its `data`: an invitation to the page of the
 * person's invitations (where it can be accepted), a mention in a message to its
 * conversation, else the task or the file (at the version reviewed) when it names one, else
 * the project, else the organization.
 * Undefined when it names nothing to open.
 */
export function notificationTarget(notification: NotificationView): string | undefined {
  if (notification.kind === 'invited') return '/invitations';
  const data = isRecord(notification.data) ? notification.data : {};
  const id = (key: string) => {
    const value = data[key];
    return typeof value === 'string' && value ? encodeURIComponent(value) : undefined;
  };
  const project = id('projectId');
  const task = id('taskId');
  const organization = id('organizationId');
  const conversation = id('conversationId');
  const file = id('fileId');
  const version = data.version;
  if (conversation) return `/messages/${conversation}`;
  if (project && task) return `/projects/${project}/tasks/${task}`;
  if (project && file) {
    const search = typeof version === 'number' && Number.isInteger(version) && version > 0 ? `?version=${version}` : '';
    return `/projects/${project}/files/${file}${search}`;
  }
  if (project) return `/projects/${project}`;
  if (organization) return `/organizations/${organization}`;
  return undefined;
}
