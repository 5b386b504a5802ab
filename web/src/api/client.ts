import { endSession, isRefusal, refreshAccessToken } from '../auth/refresh';
import { getAccessToken } from '../auth/sessionStore';
import { ApiError } from './errors';
import { fetchFile, send, type DownloadedFile, type Method } from './http';

/**
 * 401s that are about what the user typed (a wrong current password or 2FA code), not
 * about the access token: refreshing would not help and would send the attempt twice.
 * The server names the field at fault on those; the codes cover a 401 that does not.
 */
const NOT_ABOUT_THE_TOKEN: ReadonlySet<string> = new Set(['wrong_password', 'invalid_credentials', 'invalid_code']);

function isTokenProblem(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 401 && error.field === undefined && !NOT_ABOUT_THE_TOKEN.has(error.code)
  );
}

/**
 * A request as the signed-in user. When the access token is missing or the server
 * answers 401, the token is refreshed once (sharing any refresh already in flight) and
 * the request retried once. If the refresh is refused, the session is over: the state
 * is cleared, which sends protected pages to /login?next=… (see RequireAuth).
 */
export function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return asSignedIn((bearer) => send<T>(method, path, { body, bearer }));
}

/** A file download as the signed-in user (an export), with the same token handling as apiRequest. */
export function apiDownload(path: string): Promise<DownloadedFile> {
  return asSignedIn((bearer) => fetchFile(path, bearer));
}

async function asSignedIn<T>(call: (bearer: string | null) => Promise<T>): Promise<T> {
  const token = getAccessToken();
  if (token) {
    try {
      return await call(token);
    } catch (error) {
      if (!isTokenProblem(error)) throw error;
    }
  }
  // Another request may have refreshed while this one was out: then just use the new token.
  if (!token || getAccessToken() === token) await refreshOrEnd();
  return call(getAccessToken());
}

async function refreshOrEnd() {
  try {
    await refreshAccessToken();
  } catch (error) {
    if (isRefusal(error)) {
      endSession('expired');
      throw new ApiError(401, 'session_expired', 'Your session has ended. Sign in again.');
    }
    throw error;
  }
}
