import { useSyncExternalStore } from 'react';
import type { FileView } from '../api/schema';
import { sendResumable, type ResumableUpload, type UploadTarget } from '../api/upload';
import { getAuthState, subscribe as subscribeToSession } from '../auth/sessionStore';
import { queryClient } from '../queryClient';
import { fileKeys } from './queryKeys';
import { isBusy, nextQueue, sameTarget, toStart, type Upload, type UploadEvent } from './uploadQueue';

/**
 * The tab's uploads, outside React: they go on while their page is left for another (open a
 * file while the others are still being sent), and a page shows those bound for its target
 * through useUploads. The steps are the pure ones of uploadQueue.ts; this module sends them
 * (api/upload.ts), a few at a time, and refreshes what a finished upload changes.
 */

/** Uploads sent at once; the others wait for a place. */
const AT_ONCE = 3;

let queue: readonly Upload[] = [];
let lastId = 0;
/** The uploads started once, kept through pauses and failures so that they go on from there. */
const sending = new Map<number, ResumableUpload>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function apply(event: UploadEvent): void {
  const next = nextQueue(queue, event);
  if (next === queue) return;
  queue = next;
  warnBeforeUnload(isBusy(queue));
  for (const listener of listeners) listener();
}

/** Queues `files` for `target`, each to be sent on its own. */
export function startUploads(files: Iterable<File>, target: UploadTarget): void {
  const uploads = [...files].map((file) => ({ id: ++lastId, file, target }));
  if (!uploads.length) return;
  apply({ type: 'added', uploads });
  sendWaiting();
}

/** Stops an upload and drops what the server holds of it (or dismisses a failed one): it leaves the queue either way. */
export function cancelUpload(id: number): void {
  sending.get(id)?.cancel();
  sending.delete(id);
  apply({ type: 'cancelled', id });
  sendWaiting();
}

/** Stops an upload where it is, giving up its place; the server keeps what it has. */
export function pauseUpload(id: number): void {
  sending.get(id)?.pause();
  apply({ type: 'paused', id });
  sendWaiting();
}

/** A paused upload waits for a place again, then goes on from where the server stands. */
export function resumeUpload(id: number): void {
  apply({ type: 'resumed', id });
  sendWaiting();
}

export function retryUpload(id: number): void {
  apply({ type: 'retried', id });
  sendWaiting();
}

function sendWaiting(): void {
  for (const upload of toStart(queue, AT_ONCE)) send(upload);
}

function send({ id, file, target }: Upload): void {
  apply({ type: 'started', id });
  const started = sending.get(id);
  if (started) {
    started.resume();
    return;
  }
  const upload = sendResumable(target, file, {
    onProgress: (sent, total) => apply({ type: 'progressed', id, sent, total }),
    onSuccess: (uploaded) => {
      sending.delete(id);
      apply({ type: 'finished', id });
      refreshAfterUpload(uploaded);
      sendWaiting();
    },
    onError: (error) => {
      apply({ type: 'failed', id, error });
      sendWaiting();
    },
  });
  sending.set(id, upload);
}

/** A new file or version: the file as the server now has it, and every list it shows in. */
export function refreshAfterUpload(uploaded: FileView): void {
  queryClient.setQueryData(fileKeys.one(uploaded.id), uploaded);
  void queryClient.invalidateQueries({ queryKey: fileKeys.versions(uploaded.id) });
  void queryClient.invalidateQueries({ queryKey: fileKeys.lists(uploaded.projectId) });
}

/**
 * Nothing of a person's uploads goes on, or stays, once their session ends. The server keeps
 * what it holds of them for a day: the same file chosen again after signing in goes on.
 */
function stopAll(): void {
  for (const upload of sending.values()) upload.pause();
  sending.clear();
  queue = [];
  warnBeforeUnload(false);
  for (const listener of listeners) listener();
}

subscribeToSession(() => {
  if (getAuthState().status === 'anonymous' && queue.length) stopAll();
});

/** Closing or reloading the tab would stop the uploads under way: the browser asks first. */
function warnBeforeUnload(busy: boolean): void {
  if (typeof window === 'undefined') return;
  if (busy) window.addEventListener('beforeunload', askBeforeUnload);
  else window.removeEventListener('beforeunload', askBeforeUnload);
}

function askBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
}

/** The uploads bound for `target`, in the order they were added. */
export function useUploads(target: UploadTarget): readonly Upload[] {
  const all = useSyncExternalStore(subscribe, getQueue);
  return all.filter((upload) => sameTarget(upload.target, target));
}

const getQueue = () => queue;
