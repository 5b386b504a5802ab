import { useCallback, useSyncExternalStore } from 'react';

/**
 * Who is typing where, from `typing` events. An indicator lapses 6 s after the last
 * `typing: true` (a lost `typing:stop` cannot leave it showing), and when the person's
 * message arrives.
 */

export const TYPING_LAPSE_MS = 6_000;

interface Typist {
  userId: string;
  name: string;
  until: number;
}

const EMPTY: readonly Typist[] = [];
let byConversation = new Map<string, readonly Typist[]>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function publish(next: Map<string, readonly Typist[]>) {
  byConversation = next;
  for (const listener of listeners) listener();
  scheduleLapse();
}

function change(conversationId: string, typists: readonly Typist[]) {
  const next = new Map(byConversation);
  if (typists.length) next.set(conversationId, typists);
  else next.delete(conversationId);
  publish(next);
}

export function typingChanged(conversationId: string, userId: string, name: string, typing: boolean): void {
  const others = (byConversation.get(conversationId) ?? EMPTY).filter((t) => t.userId !== userId);
  change(conversationId, typing ? [...others, { userId, name, until: Date.now() + TYPING_LAPSE_MS }] : others);
}

export function typingEnded(conversationId: string, userId: string | null): void {
  const typists = byConversation.get(conversationId);
  if (typists?.some((t) => t.userId === userId)) change(conversationId, typists.filter((t) => t.userId !== userId));
}

export function forgetTyping(): void {
  publish(new Map());
}

function scheduleLapse() {
  clearTimeout(timer);
  const all = [...byConversation.values()].flat();
  if (all.length === 0) return;
  const soonest = Math.min(...all.map((t) => t.until));
  timer = setTimeout(lapse, Math.max(0, soonest - Date.now()) + 10);
}

function lapse() {
  const now = Date.now();
  const next = new Map<string, readonly Typist[]>();
  for (const [id, typists] of byConversation) {
    const still = typists.filter((t) => t.until > now);
    if (still.length) next.set(id, still);
  }
  publish(next);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The names of those typing in a conversation now. */
export function useTypists(conversationId: string): readonly Typist[] {
  const snapshot = useCallback(() => byConversation.get(conversationId) ?? EMPTY, [conversationId]);
  return useSyncExternalStore(subscribe, snapshot);
}

/** "Ann is typing…", "Ann and Bo are typing…", "Several people are typing…". */
export function describeTyping(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}
