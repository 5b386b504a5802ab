import { apiRequest } from './client';
import type { NotificationPage } from './projectTypes';
import type { MessageResponse } from './types';

/** Typed calls to /api/notifications: the signed-in person's notifications, newest first. */

const notificationPath = (id: string) => `/api/notifications/${encodeURIComponent(id)}`;

export function fetchNotifications(cursor: string | null, limit = 20): Promise<NotificationPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return apiRequest<NotificationPage>('GET', `/api/notifications?${query.toString()}`);
}

export const markNotificationRead = (id: string) => apiRequest<MessageResponse>('POST', `${notificationPath(id)}/read`);

export const markAllNotificationsRead = () => apiRequest<MessageResponse>('POST', '/api/notifications/read-all');

export const deleteNotification = (id: string) => apiRequest<MessageResponse>('DELETE', notificationPath(id));
