import { bearerToken, isTokenProblem, tokenAfterRefusal } from './client';
import { ApiError } from './errors';
import type { UploadHandlers } from './upload';
import { refusalError } from './uploadError';

/**
 * One file POSTed in a `multipart/form-data` form (its one part `file`), for the endpoints
 * that take a whole file at once rather than resumably (upload.ts). It goes through
 * XMLHttpRequest, which reports how much of the body has been sent (fetch cannot), so the
 * page shows its progress.
 *
 * As with upload.ts: the request carries the bearer token, refreshed and sent again once after
 * a 401; no CSRF header (the server checks one only on its public routes); a refusal is an
 * ApiError with the server's words (uploadError.ts). A success answers the server's JSON.
 */

/** An upload under way, which can be stopped (its handlers then hear nothing more). */
export interface CancellableUpload {
  cancel(): void;
}

export function sendForm<Made>(url: string, file: File, handlers: UploadHandlers<Made>): CancellableUpload {
  let cancelled = false;
  let current: XMLHttpRequest | null = null;
  const fail = (error: unknown) => {
    if (!cancelled) handlers.onError(error);
  };

  function attempt(token: string | null, refreshed: boolean): void {
    if (cancelled) return;
    const request = new XMLHttpRequest();
    current = request;
    request.open('POST', url);
    request.setRequestHeader('Accept', 'application/json');
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (!cancelled) handlers.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    request.onerror = () => fail(ApiError.network());
    request.onload = () => {
      if (cancelled) return;
      if (request.status >= 200 && request.status < 300) {
        answer(request);
        return;
      }
      const error = refusalError(request.status, request.responseText, request.getResponseHeader('Retry-After'));
      if (!refreshed && isTokenProblem(error)) {
        tokenAfterRefusal(token).then((fresh) => attempt(fresh, true), fail);
        return;
      }
      fail(error);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  }

  function answer(request: XMLHttpRequest): void {
    let made: Made;
    try {
      made = JSON.parse(request.responseText) as Made;
    } catch {
      fail(ApiError.notJson(request.status));
      return;
    }
    handlers.onSuccess(made);
  }

  bearerToken().then((token) => attempt(token, false), fail);
  return {
    cancel() {
      cancelled = true;
      current?.abort();
    },
  };
}
