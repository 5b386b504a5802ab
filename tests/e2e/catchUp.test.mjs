// Nothing acknowledged is lost (docs/REALTIME.md): a client that was away catches up with
// conversation:sync from the last seq it holds, page by page while hasMore, and ends with
// every message exactly once, in order; a client that stays connected through a burst from
// two senders hears every message live in seq order, and merging the live messages with
// overlapping syncs by seq leaves no gap and no duplicate; a page's `lastSeq` is never below
// its newest message, even while messages are being sent (every page `syncAll` reads is
// checked for it).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertPage, connect, connected, eventually, nextEvent, record, requestOk, socketSuite, syncAll } from './realtimeClient.mjs';
import { directConversation, groupConversation, restOk, sendOverRest, studio } from './realtimeStudio.mjs';

const BURST = 500;
/** Messages in flight at once from one sender: fast, and numbered in whatever order they commit. */
const IN_FLIGHT = 16;

/**
 * Sends `count` messages from `socket` (IN_FLIGHT at a time), bodies `${label}-0`, `${label}-1`…;
 * answers the acknowledged messages.
 */
async function burst(socket, conversationId, label, count) {
  const acknowledged = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const ack = await requestOk(socket, 'message:send', { conversationId, body: `${label}-${i}` });
      assert.equal(ack.created, true);
      acknowledged.push(ack.message);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return acknowledged;
}

/** Over REST, IN_FLIGHT at a time, like `burst`. */
async function restBurst(server, person, conversationId, label, count) {
  const acknowledged = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      acknowledged.push(await sendOverRest(server, person, conversationId, `${label}-${i}`));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return acknowledged;
}

/** Asserts `messages` are exactly seq from+1 … from+expected.length, each once, matching `expected` by seq. */
function assertExactly(messages, from, expected) {
  const bySeq = new Map(expected.map((m) => [m.seq, m]));
  assert.equal(bySeq.size, expected.length, 'the acknowledgements gave each message its own seq');
  assert.equal(messages.length, expected.length, `${messages.length} messages for ${expected.length} sent`);
  messages.forEach((message, i) => {
    assert.equal(message.seq, from + 1 + i, `seq strictly consecutive at position ${i}`);
    const sent = bySeq.get(message.seq);
    assert.ok(sent, `seq ${message.seq} was acknowledged to a sender`);
    assert.equal(message.id, sent.id);
    assert.equal(message.body, sent.body);
    assert.equal(message.authorId, sent.authorId);
  });
  assert.equal(new Set(messages.map((m) => m.id)).size, messages.length, 'no duplicates');
}

describe('catching up by sequence number', { timeout: 120_000 }, () => {
  const server = socketSuite();

  it(`gives a client back the ${BURST} messages sent while it was away, exactly once and in order`, async () => {
    const {
      people: [a, b],
    } = await studio(server, ['Ava Writer', 'Bas Away']);
    const conversation = await directConversation(server, a, b);
    const sa = await connect(server, '/messaging', a);
    const sb = await connect(server, '/messaging', b);

    // B is in sync: it holds 1…3 (live), and a sync from 0 agrees.
    const live = record(sb, 'message:new');
    const warmUp = [];
    for (const body of ['one', 'two', 'three']) {
      const heard = nextEvent(sb, 'message:new', (m) => m.body === body);
      warmUp.push((await requestOk(sa, 'message:send', { conversationId: conversation.id, body })).message);
      await heard;
    }
    const synced = await syncAll(sb, conversation.id, 0);
    assert.deepEqual(synced, live);
    const lastSeen = live.at(-1).seq;
    assert.equal(lastSeen, 3);

    // B goes away; A sends the burst.
    sb.disconnect();
    const sent = await burst(sa, conversation.id, 'away', BURST);
    assert.deepEqual(
      sent.map((m) => m.seq).sort((x, y) => x - y),
      Array.from({ length: BURST }, (_, i) => lastSeen + 1 + i),
      'the acknowledgements number the burst with no gap',
    );

    // B comes back on the same socket and asks for everything after what it holds, in pages.
    live.length = 0;
    await connected(sb);
    const caughtUp = await syncAll(sb, conversation.id, lastSeen, 100);
    assertExactly(caughtUp, lastSeen, sent);
    // Nothing arrived live for the time away.
    assert.deepEqual(live, []);

    // The pages say where they stand: five full pages with hasMore, then the end.
    const firstPage = await requestOk(sb, 'conversation:sync', { conversationId: conversation.id, afterSeq: lastSeen, limit: 100 });
    assert.equal(firstPage.conversationId, conversation.id);
    assert.equal(firstPage.hasMore, true);
    assert.equal(firstPage.lastSeq, lastSeen + BURST);
    assert.equal(firstPage.messages.length, 100);
    const lastPage = await requestOk(sb, 'conversation:sync', {
      conversationId: conversation.id,
      afterSeq: lastSeen + BURST - 100,
      limit: 100,
    });
    assert.equal(lastPage.hasMore, false);
    assert.equal(lastPage.messages.length, 100);
    const beyond = await requestOk(sb, 'conversation:sync', { conversationId: conversation.id, afterSeq: lastSeen + BURST });
    assert.deepEqual(beyond.messages, []);
    assert.equal(beyond.hasMore, false);
    // Without a limit, one page holds them all (the default and cap is 1000).
    const whole = await requestOk(sb, 'conversation:sync', { conversationId: conversation.id, afterSeq: lastSeen });
    assert.equal(whole.hasMore, false);
    assertExactly(whole.messages, lastSeen, sent);
    // And from the start, the warm-up too.
    assertExactly(await syncAll(sb, conversation.id, 0, 250), 0, [...warmUp, ...sent]);

    // Live delivery resumes after the reconnect.
    const resumed = nextEvent(sb, 'message:new', (m) => m.body === 'welcome back');
    await requestOk(sa, 'message:send', { conversationId: conversation.id, body: 'welcome back' });
    assert.equal((await resumed).seq, lastSeen + BURST + 1);
  });

  it('keeps a connected client whole through a burst from two senders, live and synced merged by seq', async () => {
    const {
      people: [a, b, c],
    } = await studio(server, ['Ari Socket', 'Bel Reader', 'Cal Rest']);
    const group = await groupConversation(server, a, [b, c]);
    const sa = await connect(server, '/messaging', a);
    const sb = await connect(server, '/messaging', b);

    // B's client, as REALTIME.md describes it: hold messages by seq, drop a seq already held,
    // sync from the last contiguous seq on a gap, and sync while the burst runs.
    const held = new Map();
    const liveOrder = [];
    const conflicts = [];
    let contiguous = 0;
    let duplicatesDropped = 0;
    let syncedCount = 0;
    const hold = (message) => {
      if (held.has(message.seq)) {
        duplicatesDropped += 1;
        if (held.get(message.seq).id !== message.id) conflicts.push(message.seq);
        return;
      }
      held.set(message.seq, message);
      while (held.has(contiguous + 1)) contiguous += 1;
    };
    let syncing = Promise.resolve();
    const syncFromContiguous = () => {
      syncing = syncing.then(async () => {
        const messages = await syncAll(sb, group.id, contiguous, 40);
        syncedCount += messages.length;
        for (const message of messages) hold(message);
      });
      return syncing;
    };
    sb.on('message:new', (message) => {
      liveOrder.push(message.seq);
      const gap = message.seq > contiguous + 1;
      hold(message);
      if (gap) syncFromContiguous();
    });

    // The burst: A over the socket and C over REST at once, while B syncs now and then.
    let sending = true;
    const syncsDuringBurst = (async () => {
      let rounds = 0;
      while (sending) {
        await syncFromContiguous();
        rounds += 1;
      }
      return rounds;
    })();
    const [fromA, fromC] = await Promise.all([
      burst(sa, group.id, 'socket', BURST / 2),
      restBurst(server, c, group.id, 'rest', BURST / 2),
    ]);
    sending = false;
    const rounds = await syncsDuringBurst;
    const sent = [...fromA, ...fromC];
    assert.deepEqual(
      sent.map((m) => m.seq).sort((x, y) => x - y),
      Array.from({ length: BURST }, (_, i) => i + 1),
      'two senders, one numbering without gaps',
    );

    // Every message arrives live, each once, in seq order.
    await eventually(`${BURST} live messages`, () => (liveOrder.length >= BURST ? true : undefined));
    assert.deepEqual(liveOrder, Array.from({ length: BURST }, (_, i) => i + 1), 'live delivery in seq order');

    // A last sync from where B stands; then B holds exactly what was sent.
    await syncFromContiguous();
    const merged = [...held.values()].sort((x, y) => x.seq - y.seq);
    assertExactly(merged, 0, sent);
    assert.equal(contiguous, BURST);
    assert.ok(rounds >= 1, 'B synced during the burst');
    // Every synced message also came live: each was dropped once as already held.
    assert.deepEqual(conflicts, [], 'two different messages claimed one seq');
    assert.equal(duplicatesDropped, syncedCount, `${syncedCount} synced, ${duplicatesDropped} dropped`);
    const last = await restOk(server, b.token, 'GET', `/api/conversations/${group.id}`);
    assert.equal(last.lastSeq, BURST);
  });

  it('never answers a lastSeq below the newest message of its page, while messages are being sent', async () => {
    const {
      people: [a, b],
    } = await studio(server, ['Lia Lastseq', 'Max Reader']);
    const conversation = await directConversation(server, a, b);
    const sa = await connect(server, '/messaging', a);
    const sb = await connect(server, '/messaging', b);

    // Readers follow the tail (over the socket and over REST) while A sends: each page holds
    // what was stored between reading the conversation and reading its messages.
    let sending = true;
    const pages = { socket: 0, rest: 0 };
    const follow = async (via, read) => {
      let from = 0;
      while (sending) {
        const page = await read(from);
        assertPage(page, from);
        if (page.messages.length > 0) {
          pages[via] += 1;
          from = page.messages.at(-1).seq;
        }
      }
    };
    const readers = [
      follow('socket', (from) =>
        requestOk(sb, 'conversation:sync', { conversationId: conversation.id, afterSeq: from, limit: 50 }),
      ),
      follow('rest', async (from) => {
        const page = await restOk(server, b.token, 'GET', `/api/conversations/${conversation.id}/messages?after=${from}&limit=50`);
        return { ...page, messages: page.items };
      }),
    ];
    for (const reader of readers) reader.catch(() => {});
    const sent = await burst(sa, conversation.id, 'tail', BURST / 2);
    sending = false;
    await Promise.all(readers);
    assert.ok(pages.socket >= 2 && pages.rest >= 2, `pages read while messages arrived: ${JSON.stringify(pages)}`);

    // At rest, lastSeq is the newest whatever the page.
    const newest = Math.max(...sent.map((m) => m.seq));
    assert.equal(newest, BURST / 2);
    const head = await requestOk(sb, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0, limit: 1 });
    assert.deepEqual([head.lastSeq, head.hasMore, head.messages[0].seq], [newest, true, 1]);
  });
});
