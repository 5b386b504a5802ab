/**
 * How each namespace's socket stands, kept outside React (the socket manager writes it) and
 * read in React through useSyncExternalStore (see RealtimeProvider).
 */

export type Namespace = '/messaging' | '/' | '/notifications';

export const NAMESPACES: readonly Namespace[] = ['/messaging', '/', '/notifications'];

/**
 * `off`: not wanted (signed out). `connecting`: never connected yet this session.
 * `connected`. `reconnecting`: was connected and lost it; trying again.
 */
export type ConnectionState = 'off' | 'connecting' | 'connected' | 'reconnecting';

export type ConnectionStates = Readonly<Record<Namespace, ConnectionState>>;

let states: ConnectionStates = { '/messaging': 'off', '/': 'off', '/notifications': 'off' };
const listeners = new Set<() => void>();

export function getConnectionStates(): ConnectionStates {
  return states;
}

export function setConnectionState(namespace: Namespace, state: ConnectionState): void {
  if (states[namespace] === state) return;
  // A new object on every change: useSyncExternalStore compares snapshots by identity.
  states = { ...states, [namespace]: state };
  for (const listener of listeners) listener();
}

export function subscribeConnectionStates(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
