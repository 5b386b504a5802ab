import type { MessagePage, MessageView } from '../api/schema';

/**
 * What the app holds of one conversation, and the pure steps that change it. Every message
 * carries `seq`, its number in the conversation (1, 2, 3… with no gaps, replies included),
 * so messages merge by number, never twice, whichever way they came (a page, a live event,
 * a catch-up, an acknowledgement). `syncedSeq` is the number up to which nothing is missing;
 * a message beyond `syncedSeq + 1` reveals a gap, which a catch-up (conversation:sync) fills.
 */

export type LoadStatus = 'loading' | 'ready' | 'error';

/** A file sent with a message: the id the server knows it by, and what to show of it meanwhile. */
export interface AttachedFile {
  id: string;
  name: string;
  size: number;
}

/** A message typed here and not yet acknowledged (or refused). */
export interface PendingMessage {
  clientId: string;
  conversationId: string;
  parentId: string | null;
  body: string;
  attachments: readonly AttachedFile[];
  status: 'sending' | 'failed';
  error: string | null;
  createdAt: string;
}

/** The main line, or one thread's replies: ascending by seq, one message per seq. */
export interface Strand {
  messages: readonly MessageView[];
  status: LoadStatus;
  error: unknown;
  /** Older messages lie before the first one held. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

export interface ConversationLog {
  main: Strand;
  /** Threads opened here, by the id of the message they answer. */
  threads: ReadonlyMap<string, Strand>;
  /** Live messages that came while the first page was on its way. */
  early: readonly MessageView[];
  /** Nothing numbered up to here is missing (held, or a reply to a thread not shown). */
  syncedSeq: number;
  /** Numbers beyond syncedSeq already received (they wait for the gap before them). */
  ahead: ReadonlySet<number>;
  pending: readonly PendingMessage[];
}

const emptyStrand = (status: LoadStatus): Strand => ({
  messages: [],
  status,
  error: null,
  hasOlder: false,
  loadingOlder: false,
});

export const loadingLog = (): ConversationLog => ({
  main: emptyStrand('loading'),
  threads: new Map(),
  early: [],
  syncedSeq: 0,
  ahead: new Set(),
  pending: [],
});

/** `incoming` merged into `messages`: one per seq (the incoming one wins), ascending. */
export function mergeBySeq(messages: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return [...messages];
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The first page of the main line arrived: everything up to its lastSeq is accounted for. */
export function firstPageLoaded(log: ConversationLog, page: MessagePage): ConversationLog {
  let next: ConversationLog = {
    ...log,
    main: { ...log.main, messages: mergeBySeq(log.main.messages, page.items), status: 'ready', error: null, hasOlder: page.hasMore },
    syncedSeq: page.lastSeq,
    ahead: new Set(),
    early: [],
  };
  for (const message of log.early) next = receive(next, message).log;
  return next;
}

export function firstPageFailed(log: ConversationLog, error: unknown): ConversationLog {
  return { ...log, main: { ...log.main, status: 'error', error } };
}

/** An older page (scrolling up) merged into a strand. */
export function olderLoaded(strand: Strand, page: MessagePage): Strand {
  return { ...strand, messages: mergeBySeq(strand.messages, page.items), hasOlder: page.hasMore, loadingOlder: false };
}

/**
 * A message that exists now (live, caught up, or acknowledged). Answers the log and whether
 * a gap lies before it (some numbers between syncedSeq and it never came).
 */
export function receive(log: ConversationLog, message: MessageView): { log: ConversationLog; gap: boolean } {
  if (log.main.status !== 'ready') return { log: { ...log, early: [...log.early, message] }, gap: false };
  const fresh = message.seq > log.syncedSeq && !log.ahead.has(message.seq);
  let { main, threads } = log;
  if (!message.parentId) {
    main = { ...main, messages: mergeBySeq(main.messages, [message]) };
  } else {
    // A thread's start learns its new reply count from the server (message:updated).
    const thread = threads.get(message.parentId);
    if (thread) {
      threads = withThread(threads, message.parentId, { ...thread, messages: mergeBySeq(thread.messages, [message]) });
    }
  }
  const { syncedSeq, ahead } = fresh ? advance(log.syncedSeq, log.ahead, message.seq) : log;
  const pending = message.clientId ? log.pending.filter((p) => p.clientId !== message.clientId) : log.pending;
  return { log: { ...log, main, threads, syncedSeq, ahead, pending }, gap: ahead.size > 0 };
}

/** A catch-up with nothing more to come: every number up to `lastSeq` has been received. */
export function caughtUp(log: ConversationLog, lastSeq: number): ConversationLog {
  if (lastSeq <= log.syncedSeq) return log;
  let syncedSeq = lastSeq;
  const ahead = new Set([...log.ahead].filter((seq) => seq > syncedSeq));
  while (ahead.delete(syncedSeq + 1)) syncedSeq += 1;
  return { ...log, syncedSeq, ahead };
}

function advance(syncedSeq: number, ahead: ReadonlySet<number>, seq: number) {
  const next = new Set(ahead);
  next.add(seq);
  let synced = syncedSeq;
  while (next.delete(synced + 1)) synced += 1;
  return { syncedSeq: synced, ahead: next };
}

/** An edit, a reaction or a deletion: the message's new state wherever it is held. */
export function replace(log: ConversationLog, message: MessageView): ConversationLog {
  const swap = (strand: Strand): Strand =>
    strand.messages.some((m) => m.id === message.id)
      ? { ...strand, messages: strand.messages.map((m) => (m.id === message.id ? message : m)) }
      : strand;
  const threads = new Map([...log.threads].map(([id, strand]) => [id, swap(strand)]));
  return { ...log, main: swap(log.main), threads };
}

export function withThread(threads: ReadonlyMap<string, Strand>, parentId: string, strand: Strand): Map<string, Strand> {
  const next = new Map(threads);
  next.set(parentId, strand);
  return next;
}

/** A thread being opened: replies that arrive meanwhile land in it already. */
export function threadOpening(log: ConversationLog, parentId: string): ConversationLog {
  const held = log.threads.get(parentId);
  if (held && held.status !== 'error') return log;
  const strand: Strand = { ...(held ?? emptyStrand('loading')), status: 'loading', error: null };
  return { ...log, threads: withThread(log.threads, parentId, strand) };
}

export function threadLoaded(log: ConversationLog, parentId: string, page: MessagePage): ConversationLog {
  const held = log.threads.get(parentId) ?? emptyStrand('loading');
  const strand: Strand = { ...held, messages: mergeBySeq(held.messages, page.items), status: 'ready', hasOlder: page.hasMore };
  return { ...log, threads: withThread(log.threads, parentId, strand) };
}

export function threadFailed(log: ConversationLog, parentId: string, error: unknown): ConversationLog {
  const held = log.threads.get(parentId) ?? emptyStrand('error');
  return { ...log, threads: withThread(log.threads, parentId, { ...held, status: 'error', error }) };
}

export function addPending(log: ConversationLog, pending: PendingMessage): ConversationLog {
  return { ...log, pending: [...log.pending.filter((p) => p.clientId !== pending.clientId), pending] };
}

export function changePending(log: ConversationLog, clientId: string, change: Partial<PendingMessage>): ConversationLog {
  return { ...log, pending: log.pending.map((p) => (p.clientId === clientId ? { ...p, ...change } : p)) };
}

export function dropPending(log: ConversationLog, clientId: string): ConversationLog {
  return { ...log, pending: log.pending.filter((p) => p.clientId !== clientId) };
}
