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
  if (response) return errorFromBody(response.getStatus(), parsed(response.getBody()), response.getHeader('Retry-After') ?? null);
  return error.originalRequest ? ApiError.network() : error;
}

function parsed(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
