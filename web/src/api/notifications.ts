import { api } from './client';
import { unwrap } from './http';

/** Typed calls to /api/notifications: the signed-in person's notifications, newest first. */

export const fetchNotifications = (cursor: string | null, limit = 20) =>
  unwrap(api.GET('/api/notifications', { params: { query: { limit, cursor: cursor ?? undefined } } }));

export const markNotificationRead = (id: string) =>
  unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } }));

export const markAllNotificationsRead = () => unwrap(api.POST('/api/notifications/read-all'));

export const deleteNotification = (id: string) => unwrap(api.DELETE('/api/notifications/{id}', { params: { path: { id } } }));
