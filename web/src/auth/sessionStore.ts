import type { UserView } from '../api/schema';

/**
 * Who is signed in, kept in memory only. The access token never touches localStorage
 * (script-readable storage is what XSS steals); a reload gets a new one from the
 * HttpOnly refresh cookie instead (see bootstrap.ts).
 */

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous';

/** Why the last session ended: `user` (they signed out) or `expired` (refresh failed). */
export type EndReason = 'user' | 'expired';

export interface AuthState {
  status: AuthStatus;
  user: UserView | null;
  endedBy: EndReason | null;
}

let state: AuthState = { status: 'loading', user: null, endedBy: null };
let accessToken: string | null = null;
const listeners = new Set<() => void>();

function publish(next: AuthState) {
  // A new object on every change: useSyncExternalStore compares snapshots by identity.
  state = next;
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAuthState(): AuthState {
  return state;
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string): void {
  accessToken = token;
}

export function signedIn(token: string, user: UserView): void {
  accessToken = token;
  publish({ status: 'authenticated', user, endedBy: null });
}

export function setUser(user: UserView): void {
  if (state.status !== 'authenticated') return;
  publish({ ...state, user });
}

export function signedOut(reason: EndReason | null): void {
  accessToken = null;
  publish({ status: 'anonymous', user: null, endedBy: reason });
}
