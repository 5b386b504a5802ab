import { describe, expect, it } from 'vitest';
import type { NotificationView } from '../api/schema';
import { notificationTarget } from './notificationTarget';

const notification = (data: unknown): NotificationView => ({
  id: 'n',
  kind: 'review_decision',
  title: 'Something happened',
  read: false,
  createdAt: '2025-01-01T00:00:00Z',
  data,
});

describe('where a notification leads', () => {
  it('opens a reviewed file at its version', () => {
    expect(notificationTarget(notification({ projectId: 'p', fileId: 'f', version: 2, actorId: 'a' }))).toBe(
      '/projects/p/files/f?version=2',
    );
  });

  it('opens the file alone when the version is missing or not a number', () => {
    expect(notificationTarget(notification({ projectId: 'p', fileId: 'f' }))).toBe('/projects/p/files/f');
    expect(notificationTarget(notification({ projectId: 'p', fileId: 'f', version: '2' }))).toBe('/projects/p/files/f');
  });

  it('still prefers a task, and falls back to the project', () => {
    expect(notificationTarget(notification({ projectId: 'p', taskId: 't' }))).toBe('/projects/p/tasks/t');
    expect(notificationTarget(notification({ projectId: 'p' }))).toBe('/projects/p');
  });
});
