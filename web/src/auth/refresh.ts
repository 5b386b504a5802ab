import { ApiError } from '../api/errors';
import { publicApi, unwrap } from '../api/http';
import type { TokenResponse } from '../api/schema';
import { getAuthState, setAccessToken, signedOut } from './sessionStore';

/**
 * Keeps the access token fresh. The refresh cookie is HttpOnly and rotates on every use,
 * so two refreshes racing would present the same cookie twice, which the server treats
 * as a stolen token and answers by ending the session. All callers in a tab therefore
 * share one request in flight, and tabs take turns through a Web Lock: the second tab's
 * refresh then carries the cookie the first one just received.
 */

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_SECONDS = 60;
/** After a network failure (not a refusal), try again this much later. */
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * What a refresh gives the app. The body's refreshToken is deliberately dropped: the app
 * relies on the HttpOnly cookie and must never keep that token in script reach.
 */
export type FreshTokens = Pick<TokenResponse, 'accessToken' | 'expiresIn'>;

let inFlight: Promise<FreshTokens> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** POST /api/auth/refresh, shared by concurrent callers; schedules the next one on success. */
export function refreshAccessToken(): Promise<FreshTokens> {
  inFlight ??= acrossTabs(() => unwrap(publicApi.POST('/api/auth/refresh')))
    .then(({ accessToken, expiresIn }): FreshTokens => ({ accessToken, expiresIn }))
    .then((tokens) => {
      // Signed out while this was in flight: the new token must not outlive the session.
      if (getAuthState().status !== 'anonymous') {
        setAccessToken(tokens.accessToken);
        scheduleRefresh(tokens.expiresIn);
      }
      return tokens;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Runs `task` while holding the refresh lock shared by every tab of this origin. */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('fluxstudio-refresh', task) : task();
}

/** Resolves once no refresh is in flight, whatever its outcome. */
export async function refreshSettled(): Promise<void> {
  await inFlight?.catch(() => undefined);
}

/** Arms the timer that refreshes the token shortly before it expires. */
export function scheduleRefresh(expiresInSeconds: number): void {
  cancelScheduledRefresh();
  // Short-lived tokens (tests, odd configurations) refresh at half their life instead.
  const seconds =
    expiresInSeconds > 2 * REFRESH_MARGIN_SECONDS ? expiresInSeconds - REFRESH_MARGIN_SECONDS : expiresInSeconds / 2;
  timer = setTimeout(runScheduledRefresh, Math.max(1, seconds) * 1000);
}

export function cancelScheduledRefresh(): void {
  clearTimeout(timer);
  timer = undefined;
}

/** Ends the session locally: no token, no timer, the app shows the signed-out state. */
export function endSession(reason: 'user' | 'expired'): void {
  cancelScheduledRefresh();
  // A late request failing after "Sign out" must not turn it into "session expired".
  if (getAuthState().status === 'anonymous') return;
  signedOut(reason);
}

async function runScheduledRefresh() {
  timer = undefined;
  if (getAuthState().status !== 'authenticated') return;
  try {
    await refreshAccessToken();
  } catch (error) {
    if (isRefusal(error)) {
      endSession('expired');
    } else {
      // Offline or the server is restarting: the session may well still be valid.
      timer = setTimeout(runScheduledRefresh, RETRY_AFTER_FAILURE_MS);
    }
  }
}

/** The server said no (session revoked or expired), as opposed to not answering. */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}
