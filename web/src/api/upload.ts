import { asSignedIn } from './client';
import { getCsrfToken } from './csrf';
import { ApiError, errorFromBody } from './errors';
import { withCsrfRetry } from './http';
import type { FileView } from './schema';

/**
 * Sends one file as a multipart form (its one part `file`, named after the file) and answers
 * the server's FileView. fetch() cannot tell how much of a request body has gone out, so this
 * uses XMLHttpRequest for `onProgress`; it goes out as the API client's requests do: bearer
 * token (refreshed and sent again once on a 401), CSRF header (fetched anew and sent again once
 * when refused), errors as ApiError with the server's message. Aborting `signal` stops it and
 * rejects with an AbortError.
 */
export function uploadFile(
  address: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<FileView> {
  return asSignedIn((token) => withCsrfRetry(async () => postForm(address, file, token, await getCsrfToken(), onProgress, signal)));
}

function postForm(
  address: string,
  file: File,
  bearer: string | null,
  csrfToken: string,
  onProgress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<FileView> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(aborted());
      return;
    }
    const request = new XMLHttpRequest();
    const onAbort = () => request.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal.removeEventListener('abort', onAbort);

    request.open('POST', address);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-CSRF-Token', csrfToken);
    if (bearer) request.setRequestHeader('Authorization', `Bearer ${bearer}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      settle();
      const body = parsed(request.responseText);
      if (request.status < 200 || request.status >= 300) {
        reject(errorFromBody(request.status, body, request.getResponseHeader('Retry-After')));
      } else if (body === undefined) {
        reject(new ApiError(request.status, 'bad_response', 'The server answered with something that is not JSON.'));
      } else {
        resolve(body as FileView);
      }
    };
    // A refusal before the body was read (a length over the limit) may reach the browser as
    // a dropped connection rather than as the answer: all it can say is that it failed.
    request.onerror = () => {
      settle();
      reject(ApiError.network());
    };
    request.onabort = () => {
      settle();
      reject(aborted());
    };

    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const aborted = () => new DOMException('The upload was cancelled.', 'AbortError');

/** Whether an upload stopped because it was cancelled (not because it failed). */
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
