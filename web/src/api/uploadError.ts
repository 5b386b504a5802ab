import { DetailedError } from 'tus-js-client';
import { ApiError, errorFromBody } from './errors';

/**
 * What went wrong with a resumable upload, in the words the pages show: tus-js-client's
 * DetailedError carries the server's answer (JSON `{error, message}`), which becomes the
 * ApiError the API client would have thrown; no answer at all is a network error. A refused
 * token refresh (thrown before a request went out) is passed on as it is.
 */
export function uploadError(error: unknown): unknown {
  if (!(error instanceof DetailedError)) return error;
  if (error.causingError instanceof ApiError) return error.causingError;
  const response = error.originalResponse;
  if (response) return refusalError(response.getStatus(), response.getBody(), response.getHeader('Retry-After') ?? null);
  return error.originalRequest ? ApiError.network() : error;
}

/**
 * An upload's refusal as the ApiError the API client would have thrown: its status, its body
 * as text (the server's JSON `{error, message}`, or anything a proxy put there) and its
 * Retry-After. For the uploads that go out without the API client (tus, and forms sent with
 * XMLHttpRequest for their progress).
 */
export function refusalError(status: number, body: string | undefined, retryAfter: string | null): ApiError {
  return errorFromBody(status, parsed(body), retryAfter);
}

function parsed(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
