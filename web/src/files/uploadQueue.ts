/**
 * The uploads of this tab as plain values, and the steps that change them. Each file goes on
 * its own: it waits for a free place, is sent with its progress, can be paused (it gives up
 * its place) and resumed (it waits for one again, then goes on from where the server stands),
 * and then either leaves the queue (done, or cancelled) or stays as failed, with the server's
 * reason, until it is tried again or dismissed. uploads.ts sends them; these functions only
 * say what follows what.
 */

import type { UploadTarget } from '../api/upload';

export type UploadStatus = 'waiting' | 'sending' | 'paused' | 'failed';

export interface Upload {
  /** Unique in the tab. */
  id: number;
  file: File;
  /** Where it goes: a new file in a project, or a new version of a file. */
  target: UploadTarget;
  status: UploadStatus;
  /** Bytes of the file sent so far, of `total`. */
  sent: number;
  total: number;
  /** Why the last attempt failed (an ApiError carries the server's message); null otherwise. */
  error: unknown;
}

export type UploadEvent =
  | { type: 'added'; uploads: ReadonlyArray<Pick<Upload, 'id' | 'file' | 'target'>> }
  | { type: 'started'; id: number }
  | { type: 'progressed'; id: number; sent: number; total: number }
  | { type: 'paused'; id: number }
  | { type: 'resumed'; id: number }
  | { type: 'failed'; id: number; error: unknown }
  | { type: 'retried'; id: number }
  | { type: 'finished'; id: number }
  | { type: 'cancelled'; id: number };

/**
 * The queue after `event`. A step that does not fit the upload's state (progress of one no
 * longer sending, a retry of one that did not fail, a resume of one not paused) or names one
 * no longer queued changes nothing: a cancelled or paused request may still report late.
 */
export function nextQueue(queue: readonly Upload[], event: UploadEvent): readonly Upload[] {
  switch (event.type) {
    case 'added':
      return [
        ...queue,
        ...event.uploads.map(({ id, file, target }) => ({
          id,
          file,
          target,
          status: 'waiting' as const,
          sent: 0,
          total: file.size,
          error: null,
        })),
      ];
    case 'started':
      // A resumed upload keeps what it had sent: it goes on from there.
      return change(queue, event.id, ['waiting'], (upload) => ({ ...upload, status: 'sending' }));
    case 'progressed':
      return change(queue, event.id, ['sending'], (upload) => ({ ...upload, sent: event.sent, total: event.total }));
    case 'paused':
      return change(queue, event.id, ['waiting', 'sending'], (upload) => ({ ...upload, status: 'paused' }));
    case 'resumed':
      return change(queue, event.id, ['paused'], (upload) => ({ ...upload, status: 'waiting' }));
    case 'failed':
      return change(queue, event.id, ['sending'], (upload) => ({ ...upload, status: 'failed', error: event.error }));
    case 'retried':
      // Counted again from nothing: the server says where it stands once it is sent again.
      return change(queue, event.id, ['failed'], (upload) => ({
        ...upload,
        status: 'waiting',
        sent: 0,
        total: upload.file.size,
        error: null,
      }));
    case 'finished':
    case 'cancelled': {
      const rest = queue.filter((upload) => upload.id !== event.id);
      return rest.length === queue.length ? queue : rest;
    }
  }
}

function change(
  queue: readonly Upload[],
  id: number,
  from: readonly UploadStatus[],
  to: (upload: Upload) => Upload,
): readonly Upload[] {
  const index = queue.findIndex((upload) => upload.id === id && from.includes(upload.status));
  if (index < 0) return queue;
  const next = [...queue];
  next[index] = to(queue[index]!);
  return next;
}

/** The waiting uploads to start now, oldest first, so that at most `limit` are being sent. */
export function toStart(queue: readonly Upload[], limit: number): Upload[] {
  const free = limit - queue.filter((upload) => upload.status === 'sending').length;
  return free > 0 ? queue.filter((upload) => upload.status === 'waiting').slice(0, free) : [];
}

/** How far along an upload is, 0–100 (a paused, failed or waiting one counts what it last reported). */
export function percentSent(upload: Pick<Upload, 'sent' | 'total'>): number {
  return upload.total > 0 ? Math.min(100, (upload.sent / upload.total) * 100) : 0;
}

/**
 * Whether any upload is still to be sent, under way or paused (leaving the page would drop it
 * from the list), not counting failures left to look at.
 */
export const isBusy = (queue: readonly Upload[]): boolean => queue.some((upload) => upload.status !== 'failed');

/** Whether two targets are the same place. */
export const sameTarget = (a: UploadTarget, b: UploadTarget): boolean =>
  'projectId' in a ? 'projectId' in b && a.projectId === b.projectId : 'fileId' in b && a.fileId === b.fileId;
