import createClient from 'openapi-fetch';
import { endSession, isRefusal, refreshAccessToken } from '../auth/refresh';
import { getAccessToken } from '../auth/sessionStore';
import { ApiError } from './errors';
import { downloaded, outgoing, send, type DownloadedFile, type Outgoing } from './http';
import type { paths } from './schema';

/**
 * 401s that are about what the user typed (a wrong current password or 2FA code), not
 * about the access token: refreshing would not help and would send the attempt twice.
 * The server names the field at fault on those; the codes cover a 401 that does not.
 */
const NOT_ABOUT_THE_TOKEN: ReadonlySet<string> = new Set(['wrong_password', 'invalid_credentials', 'invalid_code']);

/** Whether a refusal is about the access token (expired, ended): then a refresh may help. */
export function isTokenProblem(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 401 && error.field === undefined && !NOT_ABOUT_THE_TOKEN.has(error.code)
  );
}

/**
 * The client for requests as the signed-in user (`api.GET('/api/projects/{id}', …)`), file
 * downloads included. When the access token is missing or the server answers 401, the
 * token is refreshed once (sharing any refresh already in flight) and the request retried
 * once; `send` below it retries a refused CSRF token. If the refresh is refused, the session
 * is over: the state is cleared, which sends protected pages to /login?next=… (see RequireAuth).
 */
export const api = createClient<paths>({ fetch: async (request) => sendSignedIn(await outgoing(request)) });

function sendSignedIn(request: Outgoing): Promise<Response> {
  return asSignedIn((token) => send(request, token));
}

/**
 * The file at an address the server handed out rather than one the API document names (a
 * message attachment's `contentUrl`), fetched as the signed-in user like any `api` call.
 */
export const fetchFileAt = (url: string, signal: AbortSignal = new AbortController().signal): Promise<DownloadedFile> =>
  sendSignedIn({ method: 'GET', url, accept: '*/*', body: undefined, signal }).then(downloaded);

/**
 * Runs `attempt` with the access token, and once more after a refresh when there was none
 * or the server refused it.
 */
async function asSignedIn<T>(attempt: (token: string | null) => Promise<T>): Promise<T> {
  const token = getAccessToken();
  if (token) {
    try {
      return await attempt(token);
    } catch (error) {
      if (!isTokenProblem(error)) throw error;
    }
  }
  return attempt(await tokenAfterRefusal(token));
}

/**
 * The token to send after `refused` was refused (or there was none): a refreshed one, unless
 * another request refreshed while this one was out, then just the new one. Uploads, which go
 * out another way (tus-js-client), use it and `bearerToken` for the same one retry.
 */
export async function tokenAfterRefusal(refused: string | null): Promise<string | null> {
  if (!refused || getAccessToken() === refused) await refreshOrEnd();
  return getAccessToken();
}

/** The access token, refreshed first when there is none. */
export const bearerToken = (): Promise<string | null> => {
  const token = getAccessToken();
  return token ? Promise.resolve(token) : tokenAfterRefusal(null);
};

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
