import { api } from './client';
import { unwrap } from './http';

/** Typed calls for a task's comments (oldest first); only their author edits or deletes them. */

export const fetchComments = (id: string, taskId: string, cursor: string | null) =>
  unwrap(
    api.GET('/api/projects/{id}/tasks/{taskId}/comments', {
      params: { path: { id, taskId }, query: { cursor: cursor ?? undefined } },
    }),
  );

/** `mentions`: people on the project to notify. */
export const postComment = (id: string, taskId: string, body: string, mentions: string[]) =>
  unwrap(
    api.POST('/api/projects/{id}/tasks/{taskId}/comments', { params: { path: { id, taskId } }, body: { body, mentions } }),
  );

export const editComment = (id: string, taskId: string, commentId: string, body: string) =>
  unwrap(
    api.PATCH('/api/projects/{id}/tasks/{taskId}/comments/{commentId}', {
      params: { path: { id, taskId, commentId } },
      body: { body },
    }),
  );

export const deleteComment = (id: string, taskId: string, commentId: string) =>
  unwrap(
    api.DELETE('/api/projects/{id}/tasks/{taskId}/comments/{commentId}', {
      params: { path: { id, taskId, commentId } },
    }),
  );
