import { useCallback, useSyncExternalStore } from 'react';
import { fetchMessages } from '../api/conversations';
import type { MessageView } from '../api/schema';
import { request } from '../realtime/request';
import { getSocket } from '../realtime/socketManager';
import {
  caughtUp,
  firstPageFailed,
  firstPageLoaded,
  loadingLog,
  olderLoaded,
  receive,
  replace,
  threadFailed,
  threadLoaded,
  threadOpening,
  withThread,
  type ConversationLog,
} from './messageLog';

/**
 * The messages of the conversations opened in this tab, outside React (socket events land
 * here whatever is on screen), read through useConversationLog. The steps themselves are
 * the pure functions of messageLog.ts; this module loads pages and catches up.
 */

const PAGE_SIZE = 50;

interface SyncAnswer {
  conversationId: string;
  messages: MessageView[];
  hasMore: boolean;
  lastSeq: number;
}

const logs = new Map<string, ConversationLog>();
const listeners = new Set<() => void>();
const syncing = new Set<string>();
const syncAgain = new Set<string>();
/** The newest first-page request per conversation: an older one answering late is ignored. */
const loads = new Map<string, symbol>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLog(conversationId: string): ConversationLog | undefined {
  return logs.get(conversationId);
}

export function setLog(conversationId: string, log: ConversationLog): void {
  logs.set(conversationId, log);
  for (const listener of listeners) listener();
}

export function updateLog(conversationId: string, change: (log: ConversationLog) => ConversationLog): void {
  const log = logs.get(conversationId);
  if (log) setLog(conversationId, change(log));
}

/** One conversation's log as it changes; undefined until it is opened. */
export function useConversationLog(conversationId: string): ConversationLog | undefined {
  const snapshot = useCallback(() => logs.get(conversationId), [conversationId]);
  return useSyncExternalStore(subscribe, snapshot);
}

/** Opens a conversation here: its newest page, once (again after a failure). */
export async function openLog(conversationId: string): Promise<void> {
  const held = logs.get(conversationId);
  if (held && held.main.status !== 'error') return;
  setLog(conversationId, { ...(held ?? loadingLog()), main: { ...loadingLog().main } });
  const attempt = Symbol(conversationId);
  loads.set(conversationId, attempt);
  try {
    const page = await fetchMessages(conversationId, { limit: PAGE_SIZE });
    const log = logs.get(conversationId);
    if (!log || loads.get(conversationId) !== attempt || log.main.status !== 'loading') return;
    setLog(conversationId, firstPageLoaded(log, page));
    // Always catch up once from the page's newest number: a message stored after the page was
    // read but before this tab's socket had joined the conversation's room (a page opened
    // while the socket connects) comes neither in the page nor live, and a reconnect's
    // catch-up skips a log that was still loading.
    void syncConversation(conversationId);
  } catch (error) {
    if (loads.get(conversationId) === attempt) updateLog(conversationId, (log) => firstPageFailed(log, error));
  }
}

/** "Load older messages": the page before the oldest held. */
export async function loadOlder(conversationId: string): Promise<void> {
  const log = logs.get(conversationId);
  const oldest = log?.main.messages[0];
  if (!log || !oldest || log.main.loadingOlder) return;
  setLog(conversationId, { ...log, main: { ...log.main, loadingOlder: true, error: null } });
  try {
    const page = await fetchMessages(conversationId, { before: oldest.seq, limit: PAGE_SIZE });
    updateLog(conversationId, (held) => ({ ...held, main: olderLoaded(held.main, page) }));
  } catch (error) {
    updateLog(conversationId, (held) => ({ ...held, main: { ...held.main, loadingOlder: false, error } }));
  }
}

/** Opens a thread: its replies, oldest first (the newest page of them). */
export async function openThread(conversationId: string, parentId: string): Promise<void> {
  const log = logs.get(conversationId);
  if (!log) return;
  const opened = threadOpening(log, parentId);
  if (opened === log) return;
  setLog(conversationId, opened);
  try {
    const page = await fetchMessages(conversationId, { thread: parentId, limit: PAGE_SIZE });
    updateLog(conversationId, (held) => threadLoaded(held, parentId, page));
  } catch (error) {
    updateLog(conversationId, (held) => threadFailed(held, parentId, error));
  }
}

export async function loadOlderReplies(conversationId: string, parentId: string): Promise<void> {
  const strand = logs.get(conversationId)?.threads.get(parentId);
  const oldest = strand?.messages[0];
  if (!strand || !oldest || strand.loadingOlder) return;
  updateLog(conversationId, (log) => ({ ...log, threads: withThread(log.threads, parentId, { ...strand, loadingOlder: true }) }));
  try {
    const page = await fetchMessages(conversationId, { thread: parentId, before: oldest.seq, limit: PAGE_SIZE });
    updateLog(conversationId, (log) => {
      const held = log.threads.get(parentId);
      return held ? { ...log, threads: withThread(log.threads, parentId, olderLoaded(held, page)) } : log;
    });
  } catch (error) {
    updateLog(conversationId, (log) => {
      const held = log.threads.get(parentId);
      return held ? { ...log, threads: withThread(log.threads, parentId, { ...held, loadingOlder: false, error }) } : log;
    });
  }
}

/** A message that exists now: merged by seq; a gap before it starts a catch-up. */
export function receiveMessage(message: MessageView): void {
  const log = logs.get(message.conversationId);
  if (!log) return;
  const { log: next, gap } = receive(log, message);
  setLog(message.conversationId, next);
  if (gap) void syncConversation(message.conversationId);
}

/** An edited, reacted-to or deleted message. */
export function replaceMessage(message: MessageView): void {
  updateLog(message.conversationId, (log) => replace(log, message));
}

/**
 * Catches a conversation up from the last number it holds with no gap (conversation:sync,
 * page after page). One catch-up per conversation at a time; a request meanwhile runs
 * another after it. A failure waits for the next reconnect or gap.
 */
export async function syncConversation(conversationId: string): Promise<void> {
  if (syncing.has(conversationId)) {
    syncAgain.add(conversationId);
    return;
  }
  syncing.add(conversationId);
  try {
    for (;;) {
      const log = logs.get(conversationId);
      if (!log || log.main.status !== 'ready') return;
      const answer = await request<SyncAnswer>(getSocket('/messaging'), 'conversation:sync', {
        conversationId,
        afterSeq: log.syncedSeq,
      });
      for (const message of answer.messages) {
        const held = logs.get(conversationId);
        if (held) setLog(conversationId, receive(held, message).log);
      }
      if (!answer.hasMore || answer.messages.length === 0) {
        // Everything up to the number the server gave had been stored before it read the page.
        updateLog(conversationId, (held) => caughtUp(held, answer.lastSeq));
        return;
      }
    }
  } catch {
    // Offline or refused: the next reconnect (or gap) tries again.
  } finally {
    syncing.delete(conversationId);
    if (syncAgain.delete(conversationId)) void syncConversation(conversationId);
  }
}

/**
 * After a reconnect: every conversation held here catches up on the messages it missed, and
 * its newest messages are read again for the changes it missed (edits, reactions, deletions
 * and reply counts, which keep their numbers and so never come in a catch-up).
 */
export function syncAll(): void {
  for (const [conversationId, log] of logs) {
    if (log.main.status === 'ready') {
      void syncConversation(conversationId);
      void refreshNewest(conversationId);
    } else if (log.main.status === 'error') {
      void openLog(conversationId);
    }
  }
}

/** The newest page again: the messages held here take the server's state. */
async function refreshNewest(conversationId: string): Promise<void> {
  try {
    const page = await fetchMessages(conversationId, { limit: PAGE_SIZE });
    updateLog(conversationId, (log) => page.items.reduce((held, message) => replace(held, message), log));
  } catch {
    // Offline again: the next reconnect reads it.
  }
}

/** Removed from a conversation: nothing of it stays here. */
export function forgetLog(conversationId: string): void {
  if (logs.delete(conversationId)) for (const listener of listeners) listener();
}

/** Signed out: nothing of the person's messages stays in the tab. */
export function forgetAllLogs(): void {
  logs.clear();
  for (const listener of listeners) listener();
}
