import { fetchFileAt } from './client';
import { ApiError } from './errors';
import { sendForm, type CancellableUpload } from './formUpload';
import type { DownloadedFile } from './http';
import type { AttachmentView, ConversationFileView, MessageView } from './schema';
import type { UploadHandlers } from './upload';

export type { AttachmentView, ConversationFileView };

/**
 * Files on messages. In a project channel a message carries files of the project (picked, or
 * uploaded into the project first: upload.ts); in a direct or group conversation, files
 * uploaded into the conversation for it (`uploadConversationFile`). Either way a message is
 * sent with their ids as `attachments` (messaging/actions.ts), and comes back with them.
 */

/** Files on one message, at most. */
export const MAX_ATTACHMENTS = 10;

/** The files on a message (none on a deleted one). */
export const attachmentsOf = (message: MessageView): readonly AttachmentView[] => message.attachments;

/**
 * Uploads a file into a direct or group conversation, with its progress. Refused 413
 * `file_too_large`, 415 `unsupported_file_type`, 422 `empty_file`, 404 for one not in the
 * conversation, 409 `project_channel` (a project channel takes the project's files).
 */
export const uploadConversationFile = (
  conversationId: string,
  file: File,
  handlers: UploadHandlers<ConversationFileView>,
): CancellableUpload => sendForm(`/api/conversations/${encodeURIComponent(conversationId)}/files`, file, handlers);

/**
 * An attachment's bytes (its `contentUrl` or `previewUrl`), fetched with the bearer token. Only
 * the API's own addresses: the token goes nowhere else.
 */
export function fetchAttachment(url: string, signal?: AbortSignal): Promise<DownloadedFile> {
  if (!url.startsWith('/api/')) {
    return Promise.reject(new ApiError(0, 'bad_response', 'The attachment’s address is not one of the API’s.'));
  }
  return fetchFileAt(url, signal);
}
