import { useSyncExternalStore } from 'react';

/**
 * The conversation the person last left or was removed from, for the short notice on the
 * Messages page (which also closes it if it was open). Kept outside React: the live event
 * may come on any page.
 */

export interface Removal {
  conversationId: string;
  /** Its title as it was shown; null if it was never loaded here. */
  title: string | null;
}

let current: Removal | null = null;
const listeners = new Set<() => void>();

function publish(next: Removal | null) {
  current = next;
  for (const listener of listeners) listener();
}

/** Leaving says so twice (the answer, then the live event): the first title stays. */
export function noteRemoval(conversationId: string, title: string | null): void {
  if (current?.conversationId === conversationId && (current.title !== null || title === null)) return;
  publish({ conversationId, title });
}

/** The notice is dismissed, or the person is back in that conversation. */
export function clearRemoval(conversationId?: string): void {
  if (current && (conversationId === undefined || current.conversationId === conversationId)) publish(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRemoval(): Removal | null {
  return useSyncExternalStore(subscribe, () => current);
}
