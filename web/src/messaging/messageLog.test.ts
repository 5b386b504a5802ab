import { describe, expect, it } from 'vitest';
import type { MessagePage, MessageView } from '../api/schema';
import {
  addPending,
  caughtUp,
  changePending,
  dropPending,
  firstPageFailed,
  firstPageLoaded,
  loadingLog,
  mergeBySeq,
  olderLoaded,
  receive,
  replace,
  threadFailed,
  threadLoaded,
  threadOpening,
  withThread,
  type ConversationLog,
  type PendingMessage,
  type Strand,
} from './messageLog';

function message(seq: number, change: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    authorId: 'u1',
    authorName: 'Ann',
    body: `message ${seq}`,
    parentId: null,
    replyCount: 0,
    mentions: [],
    reactions: [],
    clientId: null,
    createdAt: '2026-01-01T10:00:00Z',
    editedAt: null,
    deleted: false,
    attachments: [],
    ...change,
  };
}

const reply = (seq: number, parentId: string, change: Partial<MessageView> = {}) => message(seq, { parentId, ...change });

function page(items: MessageView[], lastSeq: number, hasMore = false): MessagePage {
  return { items, hasMore, lastSeq };
}

function pending(clientId: string, change: Partial<PendingMessage> = {}): PendingMessage {
  return {
    clientId,
    conversationId: 'c1',
    parentId: null,
    body: `draft ${clientId}`,
    attachments: [],
    status: 'sending',
    error: null,
    createdAt: '2026-01-01T10:05:00Z',
    ...change,
  };
}

const seqs = (messages: readonly MessageView[]) => messages.map((m) => m.seq);
const sorted = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b);

/** A conversation whose first page (messages 1 to 3) has arrived. */
const readyLog = (): ConversationLog => firstPageLoaded(loadingLog(), page([message(1), message(2), message(3)], 3));

describe('loadingLog', () => {
  it('starts empty, loading, with nothing synced', () => {
    expect(loadingLog()).toEqual({
      main: { messages: [], status: 'loading', error: null, hasOlder: false, loadingOlder: false },
      threads: new Map(),
      early: [],
      syncedSeq: 0,
      ahead: new Set(),
      pending: [],
    });
  });
});

describe('mergeBySeq', () => {
  it('keeps one message per seq, in ascending order, the incoming one winning', () => {
    const held = [message(1), message(3, { body: 'old' })];
    const merged = mergeBySeq(held, [message(5), message(3, { body: 'new' }), message(2)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 5]);
    expect(merged.find((m) => m.seq === 3)?.body).toBe('new');
  });

  it('answers a copy and leaves its inputs alone', () => {
    const held = [message(2), message(1)];
    const incoming = [message(4), message(3)];
    const unchanged = mergeBySeq(held, []);
    expect(unchanged).toEqual(held);
    expect(unchanged).not.toBe(held);
    mergeBySeq(held, incoming);
    expect(seqs(held)).toEqual([2, 1]);
    expect(seqs(incoming)).toEqual([4, 3]);
  });
});

describe('first page', () => {
  it('makes the main line ready and syncs up to the page’s lastSeq', () => {
    const log = firstPageLoaded(loadingLog(), page([message(4), message(5)], 6, true));
    expect(seqs(log.main.messages)).toEqual([4, 5]);
    expect(log.main).toMatchObject({ status: 'ready', error: null, hasOlder: true, loadingOlder: false });
    // 6 is a reply in a thread not shown: it is accounted for all the same.
    expect(log.syncedSeq).toBe(6);
    expect(log.ahead.size).toBe(0);
  });

  it('holds live messages that come before it, then merges them once without duplicates', () => {
    let log = loadingLog();
    const first = receive(log, message(4));
    expect(first.gap).toBe(false);
    log = receive(first.log, message(3)).log;
    expect(seqs(log.early)).toEqual([4, 3]);
    expect(log.main.messages).toEqual([]);
    expect(log.syncedSeq).toBe(0);

    log = firstPageLoaded(log, page([message(1), message(2), message(3)], 3));
    expect(seqs(log.main.messages)).toEqual([1, 2, 3, 4]);
    expect(log.early).toEqual([]);
    expect(log.syncedSeq).toBe(4);
    expect(log.ahead.size).toBe(0);
  });

  it('keeps an early message beyond a gap waiting in ahead', () => {
    const early = receive(loadingLog(), message(6)).log;
    const log = firstPageLoaded(early, page([message(2), message(3)], 3));
    expect(seqs(log.main.messages)).toEqual([2, 3, 6]);
    expect(log.syncedSeq).toBe(3);
    expect(sorted(log.ahead)).toEqual([6]);
  });

  it('records a failure and keeps what it held', () => {
    const error = new Error('offline');
    const log = firstPageFailed(loadingLog(), error);
    expect(log.main).toEqual({ messages: [], status: 'error', error, hasOlder: false, loadingOlder: false });
  });
});

describe('receive', () => {
  it('appends the next message and advances syncedSeq', () => {
    const { log, gap } = receive(readyLog(), message(4));
    expect(gap).toBe(false);
    expect(seqs(log.main.messages)).toEqual([1, 2, 3, 4]);
    expect(log.syncedSeq).toBe(4);
  });

  it('reports a gap until every number before the message has come', () => {
    let step = receive(readyLog(), message(6));
    expect(step.gap).toBe(true);
    expect(step.log.syncedSeq).toBe(3);
    expect(sorted(step.log.ahead)).toEqual([6]);
    expect(seqs(step.log.main.messages)).toEqual([1, 2, 3, 6]);

    step = receive(step.log, message(5));
    expect(step.gap).toBe(true);
    expect(step.log.syncedSeq).toBe(3);
    expect(sorted(step.log.ahead)).toEqual([5, 6]);

    step = receive(step.log, message(4));
    expect(step.gap).toBe(false);
    expect(step.log.syncedSeq).toBe(6);
    expect(step.log.ahead.size).toBe(0);
    expect(seqs(step.log.main.messages)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('takes the same message twice (live event, then acknowledgement) only once', () => {
    const once = receive(readyLog(), message(4)).log;
    const twice = receive(once, message(4, { clientId: 'k1' }));
    expect(twice.gap).toBe(false);
    expect(seqs(twice.log.main.messages)).toEqual([1, 2, 3, 4]);
    expect(twice.log.syncedSeq).toBe(4);

    const ahead = receive(receive(readyLog(), message(7)).log, message(7));
    expect(ahead.gap).toBe(true);
    expect(seqs(ahead.log.main.messages)).toEqual([1, 2, 3, 7]);
    expect(sorted(ahead.log.ahead)).toEqual([7]);
  });

  it('puts a reply into its open thread, not into the main line', () => {
    let log = threadLoaded(readyLog(), 'm1', page([reply(2, 'm1')], 3));
    log = receive(log, reply(4, 'm1')).log;
    expect(seqs(log.main.messages)).toEqual([1, 2, 3]);
    expect(seqs(log.threads.get('m1')?.messages ?? [])).toEqual([2, 4]);
    expect(log.syncedSeq).toBe(4);
  });

  it('counts a reply to a thread not shown as received without holding it', () => {
    const { log, gap } = receive(readyLog(), reply(4, 'm2'));
    expect(gap).toBe(false);
    expect(log.threads.size).toBe(0);
    expect(seqs(log.main.messages)).toEqual([1, 2, 3]);
    expect(log.syncedSeq).toBe(4);
  });

  it('drops the pending draft its clientId acknowledges, and only that one', () => {
    let log = addPending(addPending(readyLog(), pending('k1')), pending('k2'));
    log = receive(log, message(4, { clientId: 'k1' })).log;
    expect(log.pending.map((p) => p.clientId)).toEqual(['k2']);
    log = receive(log, message(5)).log;
    expect(log.pending.map((p) => p.clientId)).toEqual(['k2']);
  });
});

describe('caughtUp', () => {
  it('changes nothing when it tells nothing new', () => {
    const log = readyLog();
    expect(caughtUp(log, 3)).toBe(log);
    expect(caughtUp(log, 1)).toBe(log);
  });

  it('syncs up to lastSeq and goes on through the numbers already ahead', () => {
    let log = readyLog();
    for (const seq of [5, 7, 9]) log = receive(log, message(seq)).log;
    expect(sorted(log.ahead)).toEqual([5, 7, 9]);

    const partly = caughtUp(log, 6);
    expect(partly.syncedSeq).toBe(7);
    expect(sorted(partly.ahead)).toEqual([9]);

    const fully = caughtUp(log, 10);
    expect(fully.syncedSeq).toBe(10);
    expect(fully.ahead.size).toBe(0);
  });
});

describe('replace (edits, reactions, deletions)', () => {
  it('swaps the message wherever it is held and leaves the rest', () => {
    let log = threadLoaded(readyLog(), 'm1', page([reply(4, 'm1'), reply(5, 'm1')], 5));
    const before = log;
    const edited = message(2, { body: 'edited', editedAt: '2026-01-01T11:00:00Z' });
    log = replace(log, edited);
    expect(log.main.messages.map((m) => m.body)).toEqual(['message 1', 'edited', 'message 3']);
    expect(log.main.messages[1]).toBe(edited);
    expect(log.main.messages[0]).toBe(before.main.messages[0]);

    const deleted = reply(5, 'm1', { body: '', deleted: true });
    log = replace(log, deleted);
    expect(log.threads.get('m1')?.messages.map((m) => [m.seq, m.body, m.deleted])).toEqual([
      [4, 'message 4', false],
      [5, '', true],
    ]);
    expect(log.syncedSeq).toBe(before.syncedSeq);
  });

  it('does not add a message it does not hold', () => {
    const log = readyLog();
    const next = replace(log, message(9, { body: 'unknown' }));
    expect(next.main).toBe(log.main);
    expect(seqs(next.main.messages)).toEqual([1, 2, 3]);
  });
});

describe('older pages', () => {
  it('merges them before the held messages and records whether more lie before', () => {
    const strand: Strand = { messages: [message(5), message(6)], status: 'ready', error: null, hasOlder: true, loadingOlder: true };
    const next = olderLoaded(strand, page([message(3), message(4), message(5)], 6, false));
    expect(next).toEqual({
      messages: [message(3), message(4), message(5), message(6)],
      status: 'ready',
      error: null,
      hasOlder: false,
      loadingOlder: false,
    });
  });
});

describe('threads', () => {
  it('opens a thread as loading, and leaves one already loading or loaded alone', () => {
    const opened = threadOpening(readyLog(), 'm1');
    expect(opened.threads.get('m1')).toEqual({ messages: [], status: 'loading', error: null, hasOlder: false, loadingOlder: false });
    expect(threadOpening(opened, 'm1')).toBe(opened);
    const loaded = threadLoaded(opened, 'm1', page([reply(4, 'm1')], 4));
    expect(threadOpening(loaded, 'm1')).toBe(loaded);
  });

  it('keeps replies that arrive while the thread loads', () => {
    let log = threadOpening(readyLog(), 'm1');
    log = receive(log, reply(6, 'm1')).log;
    log = threadLoaded(log, 'm1', page([reply(4, 'm1'), reply(5, 'm1')], 5, true));
    expect(log.threads.get('m1')).toMatchObject({ status: 'ready', hasOlder: true });
    expect(seqs(log.threads.get('m1')?.messages ?? [])).toEqual([4, 5, 6]);
  });

  it('records a failure, and retries it keeping what it held', () => {
    const error = new Error('nope');
    const failed = threadFailed(readyLog(), 'm1', error);
    expect(failed.threads.get('m1')).toEqual({ messages: [], status: 'error', error, hasOlder: false, loadingOlder: false });

    const withReply = threadFailed(threadLoaded(readyLog(), 'm1', page([reply(4, 'm1')], 4)), 'm1', error);
    const retried = threadOpening(withReply, 'm1');
    expect(retried.threads.get('m1')).toMatchObject({ status: 'loading', error: null });
    expect(seqs(retried.threads.get('m1')?.messages ?? [])).toEqual([4]);
  });

  it('withThread answers a new map', () => {
    const threads = new Map<string, Strand>();
    const strand: Strand = { messages: [], status: 'loading', error: null, hasOlder: false, loadingOlder: false };
    const next = withThread(threads, 'm1', strand);
    expect(threads.size).toBe(0);
    expect([...next]).toEqual([['m1', strand]]);
  });
});

describe('pending drafts', () => {
  it('adds, re-adds at the end, changes and drops them by clientId', () => {
    let log = addPending(addPending(readyLog(), pending('k1')), pending('k2'));
    expect(log.pending.map((p) => p.clientId)).toEqual(['k1', 'k2']);

    log = addPending(log, pending('k1', { body: 'again' }));
    expect(log.pending.map((p) => [p.clientId, p.body])).toEqual([
      ['k2', 'draft k2'],
      ['k1', 'again'],
    ]);

    log = changePending(log, 'k2', { status: 'failed', error: 'too long' });
    expect(log.pending[0]).toEqual(pending('k2', { status: 'failed', error: 'too long' }));
    expect(log.pending[1]?.status).toBe('sending');

    expect(changePending(log, 'k9', { status: 'failed' }).pending).toEqual(log.pending);
    expect(dropPending(log, 'k2').pending.map((p) => p.clientId)).toEqual(['k1']);
  });
});

describe('immutability', () => {
  it('never changes the log it is given', () => {
    const log = addPending(threadLoaded(readyLog(), 'm1', page([reply(4, 'm1')], 4)), pending('k1'));
    const copy = structuredClone(log);
    receive(log, message(7, { clientId: 'k1' }));
    receive(log, reply(5, 'm1'));
    caughtUp(log, 9);
    replace(log, message(1, { body: 'x' }));
    threadOpening(log, 'm2');
    threadFailed(log, 'm1', new Error('x'));
    changePending(log, 'k1', { status: 'failed' });
    dropPending(log, 'k1');
    expect(log).toEqual(copy);
  });
});
