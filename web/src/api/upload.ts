import { Upload, defaultOptions, type DetailedError, type HttpRequest, type UploadOptions } from 'tus-js-client';
import { getAuthState } from '../auth/sessionStore';
import { api, bearerToken, isTokenProblem, tokenAfterRefusal } from './client';
import { ApiError } from './errors';
import { fetchFile } from './files';
import { unwrap } from './http';
import type { FileView } from './schema';
import { uploadError } from './uploadError';

/**
 * One file sent to the server's resumable uploads (tus 1.0.0 at /api/uploads, docs/FILES.md)
 * with the official tus-js-client: made with a POST, then its bytes sent a chunk at a time
 * (PATCH), so progress shows as it goes, a pause stops it where it is and a resume (or a
 * retry after a failure) asks the server where it stands (HEAD) and goes on from there.
 *
 * The requests carry the bearer token, refreshed and sent again once after a 401, as the API
 * client's are. They need no CSRF header: the server checks one only on its public routes,
 * and these take only a bearer token (crates/api/src/csrf.rs). A refusal is an ApiError with
 * the server's message (uploadError.ts).
 *
 * The upload's address is kept in localStorage by tus-js-client (under `tus::`, by the file's
 * name, type, size and date, where it goes, and who sends it), so the same file chosen again
 * for the same place after a reload goes on from where the server stands; it is forgotten when
 * the upload is whole or cancelled.
 */

/** Where an upload goes: a new file in a project, or a new version of a file. */
export type UploadTarget = { projectId: string } | { fileId: string };

/** Bytes per PATCH: progress, pauses and resumes move a chunk at a time at the least. */
export const CHUNK_BYTES = 2 * 1024 * 1024;

/** Waits before sending again after a dropped connection or a 5xx, 409 or 423 (tus's own). */
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000];

/** What an upload reports; `Made` is what the server made of it (by default a project's file). */
export interface UploadHandlers<Made = FileView> {
  onProgress: (sent: number, total: number) => void;
  /** The file as the server now has it (a new file, or the file with its new version). */
  onSuccess: (file: Made) => void;
  /** An ApiError with the server's words, when the server answered. */
  onError: (error: unknown) => void;
}

/** A running upload: pause it, go on with it (after a pause or a failure), or cancel it. */
export interface ResumableUpload {
  pause(): void;
  resume(): void;
  /** Stops it and asks the server to drop what it holds of it. */
  cancel(): void;
}

/** Upload addresses this tab is sending to: two uploads of one file never share one. */
const inUse = new Set<string>();

/** `transport` replaces tus-js-client's own HTTP, reading and storage (for tests). */
export function sendResumable(
  target: UploadTarget,
  file: File,
  handlers: UploadHandlers,
  transport: Pick<UploadOptions, 'httpStack' | 'fileReader' | 'urlStorage'> = {},
): ResumableUpload {
  /** Whether the 401 just answered was already met with a refresh (one per request). */
  let refreshed = false;
  /** A refresh after a 401, which the next request waits for. */
  let renewing: Promise<string | null> | null = null;
  let state: 'running' | 'paused' | 'cancelled' = 'running';
  let started = false;
  /** Between start() and its success, failure or pause. */
  let active = false;
  /** The server answered that it no longer holds the upload: a cancel has nothing to drop. */
  let gone = false;

  const upload = new Upload(file, {
    ...transport,
    endpoint: new URL('/api/uploads', globalThis.location?.href ?? 'http://localhost').href,
    chunkSize: CHUNK_BYTES,
    retryDelays: RETRY_DELAYS_MS,
    metadata: { filename: file.name, ...target },
    fingerprint: async () => fingerprint(target, file),
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onBeforeRequest: async (request) => {
      const token = await (renewing ?? bearerToken());
      if (token) request.setHeader('Authorization', `Bearer ${token}`);
    },
    onAfterResponse: (_request, response) => {
      if (response.getStatus() !== 401) refreshed = false;
    },
    onShouldRetry: (error) => {
      const reason = uploadError(error);
      if (error.originalResponse && isTokenProblem(reason)) {
        if (refreshed) return false;
        refreshed = true;
        renewing = tokenAfterRefusal(bearerOf(error.originalRequest)).finally(() => {
          renewing = null;
        });
        // Awaited by the next request; a pause before it must not leave it unhandled.
        renewing.catch(() => undefined);
        return true;
      }
      return worthRetrying(error);
    },
    onUploadUrlAvailable: () => {
      if (upload.url) inUse.add(upload.url);
    },
    onProgress: (sent, total) => handlers.onProgress(sent, total),
    onSuccess: () => {
      release();
      active = false;
      whatItBecame(upload.url).then(handlers.onSuccess, handlers.onError);
    },
    onError: (error) => {
      release();
      active = false;
      gone = droppedBy(error);
      handlers.onError(uploadError(error));
    },
  });

  const release = () => {
    if (upload.url) inUse.delete(upload.url);
  };

  /** Forgets the address kept for resuming at `url` (tus-js-client forgets it only after its DELETE). */
  async function forget(url: string | null) {
    const storage = transport.urlStorage ?? defaultOptions.urlStorage;
    const kept = await upload.findPreviousUploads();
    await Promise.all(kept.filter((entry) => entry.uploadUrl === url).map((entry) => storage.removeUpload(entry.urlStorageKey)));
  }

  /** The first start: from where the server stands when this file was on its way before. */
  async function begin() {
    const previous = await upload.findPreviousUploads().catch(() => []);
    const latest = previous
      .filter((stored) => stored.uploadUrl && !inUse.has(stored.uploadUrl))
      .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
    if (latest) upload.resumeFromPreviousUpload(latest);
    started = true;
    if (state === 'running') run();
  }

  function run() {
    if (active) return;
    active = true;
    if (upload.url) inUse.add(upload.url);
    upload.start();
  }

  void begin();
  return {
    pause() {
      if (state !== 'running') return;
      state = 'paused';
      active = false;
      release();
      void upload.abort(false);
    },
    resume() {
      if (state === 'cancelled') return;
      state = 'running';
      if (started) run();
    },
    cancel() {
      if (state === 'cancelled') return;
      state = 'cancelled';
      release();
      if (gone) {
        // Asking the server to drop an upload it dropped itself would only get a 404.
        void upload.abort(false);
        forget(upload.url).catch(() => undefined);
      } else {
        upload.abort(true).catch(() => undefined);
      }
    },
  };
}

/**
 * Whether the server dropped the upload with this refusal (docs/FILES.md): it no longer has
 * it (404, expired), or refused it whole (403 rights lost, 415 a type it does not take, 507 no
 * room in the quota).
 */
function droppedBy(error: Error | DetailedError): boolean {
  const status = 'originalResponse' in error ? error.originalResponse?.getStatus() : undefined;
  return status !== undefined && [403, 404, 415, 507].includes(status);
}

/**
 * Who sends which file where: tus-js-client's own (name, type, size, date) plus the target
 * and the person, so a file resumes only for the same place and the same account.
 */
function fingerprint(target: UploadTarget, file: File): string {
  const place = 'projectId' in target ? `project:${target.projectId}` : `file:${target.fileId}`;
  const who = getAuthState().user?.id ?? 'anonymous';
  return ['fluxstudio', who, place, file.name, file.type, file.size, file.lastModified].join('/');
}

function bearerOf(request: HttpRequest): string | null {
  return request.getHeader('Authorization')?.replace(/^Bearer /, '') ?? null;
}

/**
 * tus-js-client's own rule (again after a dropped connection, a 5xx, 409 or 423, while
 * online), except when the token could not be refreshed, which no wait mends.
 */
function worthRetrying(error: DetailedError): boolean {
  if (error.causingError instanceof ApiError) return false;
  const status = error.originalResponse?.getStatus() ?? 0;
  const online = typeof navigator === 'undefined' || navigator.onLine !== false;
  return (status < 400 || status >= 500 || status === 409 || status === 423) && online;
}

/** The file a whole upload made, or made a new version of (GET /api/uploads/{id} says which). */
async function whatItBecame(url: string | null): Promise<FileView> {
  const id = url ? new URL(url).pathname.split('/').pop() : undefined;
  if (!id) throw new Error('The upload finished without an address.');
  const made = await unwrap(api.GET('/api/uploads/{id}', { params: { path: { id } } }));
  if (!made.fileId) throw new Error('The server holds every byte but has not made the file yet. Retry.');
  return fetchFile(made.fileId);
}
