import { useCallback, useSyncExternalStore } from 'react';

/** Who is online, from presence:query answers and `presence` events (several tabs are one presence). */

let online = new Map<string, boolean>();
const listeners = new Set<() => void>();

function publish(next: Map<string, boolean>) {
  online = next;
  for (const listener of listeners) listener();
}

export function presenceChanged(userId: string, isOnline: boolean): void {
  if (online.get(userId) === isOnline) return;
  publish(new Map(online).set(userId, isOnline));
}

/** An answer to presence:query: those asked about and not named are offline. */
export function presenceAnswered(asked: readonly string[], onlineIds: readonly string[]): void {
  const next = new Map(online);
  const present = new Set(onlineIds);
  for (const id of asked) next.set(id, present.has(id));
  publish(next);
}

export function forgetPresence(): void {
  publish(new Map());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True online, false offline, undefined not known yet. */
export function useOnline(userId: string | undefined): boolean | undefined {
  const snapshot = useCallback(() => (userId ? online.get(userId) : undefined), [userId]);
  return useSyncExternalStore(subscribe, snapshot);
}
