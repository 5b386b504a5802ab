import { endSession } from '../auth/refresh';
import { getAccessToken } from '../auth/sessionStore';

/**
 * The live connection learned that the session is over (the server closed the sockets and
 * the refresh was refused). The tab signs out as REST does (back to sign in, remembering the
 * page), after a short grace: a request the person makes meanwhile meets the ended session
 * and signs out through REST first, so whatever they just did ends the usual way instead of
 * being cut off half-way. Either way the outcome is the same.
 */
export const SESSION_END_GRACE_MS = 5_000;

let timer: ReturnType<typeof setTimeout> | undefined;

export function endSessionSoon(): void {
  if (timer !== undefined) return;
  // Only this session: someone who signs in again meanwhile stays signed in.
  const token = getAccessToken();
  timer = setTimeout(() => {
    timer = undefined;
    if (token !== null && getAccessToken() === token) endSession('expired');
  }, SESSION_END_GRACE_MS);
}

/** Signed out already (or someone else signed in): nothing is left to end. */
export function cancelSessionEnd(): void {
  clearTimeout(timer);
  timer = undefined;
}
