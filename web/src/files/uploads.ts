import { useSyncExternalStore } from 'react';
import type { FileView } from '../api/schema';
import { isAbort, uploadFile } from '../api/upload';
import { getAuthState, subscribe as subscribeToSession } from '../auth/sessionStore';
import { queryClient } from '../queryClient';
import { fileKeys } from './queryKeys';
import { isBusy, nextQueue, toStart, type Upload, type UploadEvent } from './uploadQueue';

/**
 * The tab's uploads, outside React: they go on while their page is left for another (open a
 * file while the others are still being sent), and a page shows those bound for its address
 * through useUploads. The steps are the pure ones of uploadQueue.ts; this module sends them,
 * a few at a time, and refreshes what a finished upload changes.
 */

/** Uploads sent at once; the others wait for a place. */
const AT_ONCE = 3;

let queue: readonly Upload[] = [];
let lastId = 0;
const running = new Map<number, AbortController>();
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

/** Queues `files` for `address` (see api/files.ts), each to be sent on its own. */
export function startUploads(files: Iterable<File>, address: string): void {
  const uploads = [...files].map((file) => ({ id: ++lastId, file, address }));
  if (!uploads.length) return;
  apply({ type: 'added', uploads });
  sendWaiting();
}

/** Stops an upload (or dismisses a failed one): it leaves the queue either way. */
export function cancelUpload(id: number): void {
  running.get(id)?.abort();
  apply({ type: 'cancelled', id });
  sendWaiting();
}

export function retryUpload(id: number): void {
  apply({ type: 'retried', id });
  sendWaiting();
}

function sendWaiting(): void {
  for (const upload of toStart(queue, AT_ONCE)) send(upload);
}

function send({ id, file, address }: Upload): void {
  const controller = new AbortController();
  running.set(id, controller);
  apply({ type: 'started', id });
  uploadFile(address, file, (sent, total) => apply({ type: 'progressed', id, sent, total }), controller.signal)
    .then((uploaded) => {
      apply({ type: 'finished', id });
      refreshAfter(uploaded);
    })
    .catch((error: unknown) => {
      // Cancelled: it has already left the queue.
      if (!isAbort(error)) apply({ type: 'failed', id, error });
    })
    .finally(() => {
      running.delete(id);
      sendWaiting();
    });
}

/** A new file or version: the file as the server now has it, and every list it shows in. */
function refreshAfter(uploaded: FileView): void {
  queryClient.setQueryData(fileKeys.one(uploaded.id), uploaded);
  void queryClient.invalidateQueries({ queryKey: fileKeys.versions(uploaded.id) });
  void queryClient.invalidateQueries({ queryKey: fileKeys.lists(uploaded.projectId) });
}

/** Nothing of a person's uploads goes on, or stays, once their session ends. */
function stopAll(): void {
  for (const controller of running.values()) controller.abort();
  running.clear();
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

/** The uploads bound for `address`, in the order they were added. */
export function useUploads(address: string): readonly Upload[] {
  const all = useSyncExternalStore(subscribe, getQueue);
  return all.filter((upload) => upload.address === address);
}

const getQueue = () => queue;
