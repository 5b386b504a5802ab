import { fetchMe, logout, logoutEverywhere } from '../api/auth';
import type { AuthResponse } from '../api/schema';
import { cancelScheduledRefresh, endSession, refreshAccessToken, refreshSettled, scheduleRefresh } from './refresh';
import { signedIn, signedOut } from './sessionStore';

/** The session's life: start from an auth response, resume on load, end on sign-out. */

/** After signup, login or the 2FA step. The body's refreshToken is ignored on purpose. */
export function beginSession(response: AuthResponse): void {
  signedIn(response.accessToken, response.user);
  scheduleRefresh(response.expiresIn);
}

let resumed: Promise<void> | null = null;

/**
 * On app start: one refresh with the cookie the browser may hold. Memoised, because the
 * cookie rotates on use and a second call (StrictMode's double effects) would present a
 * spent cookie.
 */
export function resumeSession(): Promise<void> {
  resumed ??= (async () => {
    try {
      const tokens = await refreshAccessToken();
      const user = await fetchMe();
      signedIn(tokens.accessToken, user);
    } catch {
      // No cookie, an expired session, or no server: the visitor starts signed out.
      cancelScheduledRefresh();
      signedOut(null);
    }
  })();
  return resumed;
}

/** "Sign out": revoke this session and clear its cookie, then forget it here. */
export async function signOut(): Promise<void> {
  // A refresh in flight would rotate the cookie behind the logout's back: let it land first.
  await refreshSettled();
  try {
    await logout();
  } catch {
    // Signed out locally all the same; the server session expires on its own.
  }
  endSession('user');
}

/** "Sign out everywhere": revoke every session, this one included. */
export async function signOutEverywhere(): Promise<number> {
  const { sessionsRevoked } = await logoutEverywhere();
  // Clears this browser's cookie too, in case the server kept the calling session.
  await signOut();
  return sessionsRevoked ?? 0;
}
