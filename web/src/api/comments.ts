import { apiRequest } from './client';
import { withPage } from './organizations';
import type { Comment } from './projectTypes';
import { taskPath } from './tasks';
import type { MessageResponse } from './types';
import type { Page } from './workspaceTypes';

/** Typed calls for a task's comments (oldest first); only their author edits or deletes them. */

const commentsPath = (projectId: string, taskId: string) => `${taskPath(projectId, taskId)}/comments`;
const commentPath = (projectId: string, taskId: string, commentId: string) =>
  `${commentsPath(projectId, taskId)}/${encodeURIComponent(commentId)}`;

export const fetchComments = (projectId: string, taskId: string, cursor: string | null) =>
  apiRequest<Page<Comment>>('GET', withPage(commentsPath(projectId, taskId), { cursor }));

/** `mentions`: people on the project to notify. */
export const postComment = (projectId: string, taskId: string, body: string, mentions: string[]) =>
  apiRequest<Comment>('POST', commentsPath(projectId, taskId), { body, mentions });

export const editComment = (projectId: string, taskId: string, commentId: string, body: string) =>
  apiRequest<Comment>('PATCH', commentPath(projectId, taskId, commentId), { body });

export const deleteComment = (projectId: string, taskId: string, commentId: string) =>
  apiRequest<MessageResponse>('DELETE', commentPath(projectId, taskId, commentId));
