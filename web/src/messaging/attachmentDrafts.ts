import { MAX_ATTACHMENTS } from '../api/attachments';
import type { ConversationView } from '../api/schema';
import type { AttachedFile } from './messageLog';

/**
 * The files a composer holds for the next message, as plain values, and the steps that change
 * them. A file chosen from the computer is uploaded first (with its progress) and is ready once
 * the server gave its id, or failed with the server's reason; a project's file picked from its
 * list is ready at once. A message takes at most MAX_ATTACHMENTS: files past that are left out,
 * and the composer says how many. useAttachmentDrafts.ts sends the uploads; these functions only
 * say what follows what.
 */

/**
 * Where a composer's files go: uploaded into a direct or group conversation, or (a project
 * channel) into the project, as any of its files, then sent by id.
 */
export type AttachPlace = { conversationId: string } | { projectId: string };

/** Where files for `conversation` go; null until it is known (nothing is taken meanwhile). */
export function attachPlace(conversation: Pick<ConversationView, 'id' | 'kind' | 'projectId'> | undefined): AttachPlace | null {
  if (!conversation) return null;
  if (conversation.kind !== 'project') return { conversationId: conversation.id };
  return conversation.projectId ? { projectId: conversation.projectId } : null;
}

export type DraftStatus = 'uploading' | 'ready' | 'failed';

export interface AttachmentDraft {
  /** Unique in the composer. */
  key: number;
  name: string;
  size: number;
  status: DraftStatus;
  /** Bytes sent so far, of `total`, while uploading. */
  sent: number;
  total: number;
  /** The id the message is sent with: the uploaded file's, or the picked one's; null until then. */
  id: string | null;
  /** Why the upload failed (an ApiError carries the server's message); null otherwise. */
  error: unknown;
}

export interface Drafts {
  items: readonly AttachmentDraft[];
  /** How many files the last addition left out for want of room; 0 when it took them all. */
  leftOut: number;
}

/** A file to add: being uploaded (no id yet), or already the server's (an id). */
export interface NewDraft {
  key: number;
  name: string;
  size: number;
  id?: string;
}

export type DraftEvent =
  | { type: 'added'; files: readonly NewDraft[] }
  | { type: 'progressed'; key: number; sent: number; total: number }
  | { type: 'uploaded'; key: number; id: string }
  | { type: 'failed'; key: number; error: unknown }
  | { type: 'removed'; key: number }
  | { type: 'cleared' };

export const NO_DRAFTS: Drafts = { items: [], leftOut: 0 };

/**
 * The files `added` takes, in order: as many as there is room for, skipping a file already held
 * (the same id). `leftOut` counts those refused for want of room, not the repeats.
 */
export function admitted(drafts: Drafts, files: readonly NewDraft[]): { taken: NewDraft[]; leftOut: number } {
  const held = new Set(drafts.items.map((item) => item.id).filter(Boolean));
  const fresh = files.filter((file) => {
    if (file.id === undefined) return true;
    if (held.has(file.id)) return false;
    held.add(file.id);
    return true;
  });
  const room = Math.max(0, MAX_ATTACHMENTS - drafts.items.length);
  return { taken: fresh.slice(0, room), leftOut: Math.max(0, fresh.length - room) };
}

/**
 * The drafts after `event`. A step that does not fit (progress of a file no longer uploading,
 * an answer for one removed meanwhile) changes nothing: a stopped upload may still report late.
 */
export function nextDrafts(drafts: Drafts, event: DraftEvent): Drafts {
  switch (event.type) {
    case 'added': {
      const { taken, leftOut } = admitted(drafts, event.files);
      const items = taken.map(
        ({ key, name, size, id }): AttachmentDraft => ({
          key,
          name,
          size,
          status: id === undefined ? 'uploading' : 'ready',
          sent: 0,
          total: size,
          id: id ?? null,
          error: null,
        }),
      );
      return { items: [...drafts.items, ...items], leftOut };
    }
    case 'progressed':
      return change(drafts, event.key, (item) => ({ ...item, sent: event.sent, total: event.total }));
    case 'uploaded':
      return change(drafts, event.key, (item) => ({ ...item, status: 'ready', sent: item.total, id: event.id }));
    case 'failed':
      return change(drafts, event.key, (item) => ({ ...item, status: 'failed', error: event.error }));
    case 'removed': {
      const items = drafts.items.filter((item) => item.key !== event.key);
      return items.length === drafts.items.length ? drafts : { items, leftOut: 0 };
    }
    case 'cleared':
      return NO_DRAFTS;
  }
}

/** Changes the file `key` while it is being uploaded. */
function change(drafts: Drafts, key: number, to: (item: AttachmentDraft) => AttachmentDraft): Drafts {
  const index = drafts.items.findIndex((item) => item.key === key && item.status === 'uploading');
  if (index < 0) return drafts;
  const items = [...drafts.items];
  items[index] = to(drafts.items[index]!);
  return { ...drafts, items };
}

/** The files to send the message with: those ready, in the order they were added. */
export const readyFiles = (drafts: Drafts): AttachedFile[] =>
  drafts.items.flatMap(({ id, name, size, status }) => (status === 'ready' && id ? [{ id, name, size }] : []));

/**
 * Whether the message can be sent now, and if not, what the composer says of it (nothing for
 * an empty one). The server refuses a message without text, files or not
 * (crates/messaging/src/text.rs), so text is always needed.
 */
export function sendability(body: string, drafts: Drafts): { canSend: boolean; hint: string | null } {
  const blocked = (hint: string | null) => ({ canSend: false, hint });
  if (drafts.items.some((item) => item.status === 'uploading')) return blocked('Wait for the files to finish uploading.');
  if (drafts.items.some((item) => item.status === 'failed')) return blocked('Remove the files that could not be uploaded.');
  if (!body.trim()) return blocked(drafts.items.length ? 'Write a message to go with the files.' : null);
  return { canSend: true, hint: null };
}

/** What the composer says when files were left out. */
export const leftOutNotice = (leftOut: number): string =>
  `A message holds at most ${MAX_ATTACHMENTS} files: ${leftOut === 1 ? '1 file was' : `${leftOut} files were`} left out.`;
