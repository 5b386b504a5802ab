// The per-person event budget, against docs/REALTIME.md: past `SOCKET_EVENT_BURST` a
// request is refused with `rate_limited` and when to retry (in every namespace, board joins
// included), typing is dropped; the budget is the person's across their sockets, another
// person has their own, it refills at `SOCKET_EVENTS_PER_SECOND`, and closing every socket
// and coming back does not refill it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  connect,
  connected,
  eventually,
  nextEvent,
  record,
  request,
  requestOk,
  socketSuite,
} from './realtimeClient.mjs';
import { directConversation, project, studio } from './realtimeStudio.mjs';

const BURST = 5;
const PER_SECOND = 1;

/** A refusal for being over budget: the envelope, and a wait of at most one token's refill. */
function assertBudgetRefusal(refusal) {
  assert.deepEqual(Object.keys(refusal).sort(), ['error', 'message', 'retryAfterMs'], JSON.stringify(refusal));
  assert.equal(refusal.error, 'rate_limited');
  assert.equal(typeof refusal.message, 'string');
  assert.ok(
    Number.isInteger(refusal.retryAfterMs) && refusal.retryAfterMs > 0 && refusal.retryAfterMs <= 1000 / PER_SECOND + 1,
    `retryAfterMs: ${JSON.stringify(refusal)}`,
  );
}

/** `count` requests of `event` from `socket` at once; answers [granted, refused]. */
async function burstOf(socket, count, event = 'presence:query', payload = { userIds: [] }) {
  const answers = await Promise.all(Array.from({ length: count }, () => request(socket, event, payload)));
  const refused = answers.filter((answer) => answer?.error === 'rate_limited');
  const granted = answers.filter((answer) => !answer?.error);
  assert.equal(granted.length + refused.length, count, `only grants and budget refusals: ${JSON.stringify(answers)}`);
  return [granted, refused];
}

/**
 * Spends the person's budget from `socket` (BURST * 2 requests at once), insisting on at
 * least one refusal. Each check below drains right before it, so it runs within the second
 * a token takes to come back (PER_SECOND = 1).
 */
async function drain(socket) {
  const [granted, refused] = await burstOf(socket, BURST * 2);
  assert.ok(refused.length >= 1, `past the budget, refused (${granted.length} granted)`);
  return [granted, refused];
}

describe('the per-person event budget', { timeout: 60_000 }, () => {
  const server = socketSuite({
    AUTH_RATE_LIMIT_MAX: '1000',
    SOCKET_EVENT_BURST: String(BURST),
    SOCKET_EVENTS_PER_SECOND: String(PER_SECOND),
  });

  it('refuses requests past the budget with rate_limited and when to retry, and drops typing', async () => {
    const {
      orgId,
      people: [a, b],
    } = await studio(server, ['Ray Rapid', 'Sue Slow']);
    const conversation = await directConversation(server, a, b);
    const board = await project(server, a, orgId, 'Budget');
    const sa = await connect(server, '/messaging', a);
    const secondTab = await connect(server, '/messaging', a);
    const boardSocket = await connect(server, '/', a);
    const sb = await connect(server, '/messaging', b);
    const typingAtB = record(sb, 'typing');

    // A full bucket grants the burst, then refuses with the envelope and when to retry.
    const [granted, refused] = await drain(sa);
    assert.ok(granted.length >= BURST && granted.length <= BURST + 1, `the burst is granted: ${granted.length}`);
    refused.forEach(assertBudgetRefusal);
    // The budget is the person's, across their sockets and namespaces.
    await drain(sa);
    const sent = await request(secondTab, 'message:send', { conversationId: conversation.id, body: 'over budget' });
    assertBudgetRefusal(sent);
    await drain(sa);
    assertBudgetRefusal(await request(boardSocket, 'project:join', { projectId: board.id }));
    // Typing past the budget is dropped, not relayed.
    await drain(sa);
    sa.emit('typing:start', { conversationId: conversation.id });

    // Someone else has their own budget: B is served, and B's message is the barrier after A's typing.
    const heard = nextEvent(sa, 'message:new', (m) => m.authorId === b.id);
    await requestOk(sb, 'message:send', { conversationId: conversation.id, body: 'I am not limited' });
    await heard;
    assert.deepEqual(typingAtB, [], 'typing past the budget was relayed');

    // After waiting as told, A is served again, and A's typing is relayed again.
    const later = await eventually('a request within the budget again', async () => {
      const answer = await request(sa, 'message:send', { conversationId: conversation.id, body: 'within budget' });
      if (answer.error !== 'rate_limited') return answer;
      await new Promise((resolve) => setTimeout(resolve, answer.retryAfterMs));
      return undefined;
    });
    assert.equal(later.created, true, JSON.stringify(later));
    await eventually('typing relayed within the budget again', async () => {
      const typed = nextEvent(sb, 'typing', (t) => t.userId === a.id, 300).catch(() => undefined);
      sa.emit('typing:start', { conversationId: conversation.id });
      return typed;
    });
  });

  it('tells a board join past the budget when to retry, like every other request', async () => {
    const {
      orgId,
      people: [a],
    } = await studio(server, ['Tom Boards']);
    const board = await project(server, a, orgId, 'Retry');
    for (const namespace of ['/', '/projects']) {
      const socket = await connect(server, namespace, a);
      const [, refused] = await burstOf(socket, BURST * 2, 'project:join', { projectId: board.id });
      assert.ok(refused.length >= 1, `${namespace}: refused past the budget`);
      refused.forEach(assertBudgetRefusal);
    }
  });

  it('keeps a spent budget spent when the person closes every socket and comes back', async () => {
    const {
      people: [a, witness],
    } = await studio(server, ['Rik Reconnects', 'Wyn Witness']);
    await directConversation(server, a, witness);
    const watching = await connect(server, '/messaging', witness);
    /**
     * Closes `sockets`, A's last ones, until the witness is told A is offline: the server has
     * handled the last one leaving. (Asked with presence:query rather than awaiting the
     * `presence` event, which the server may fail to send: see realtimeSignals.test.mjs.)
     */
    const closeAll = async (sockets) => {
      for (const socket of sockets) socket.disconnect();
      await eventually('A counted offline', async () => {
        // The witness has a budget too: asked over it, wait as told.
        const answer = await request(watching, 'presence:query', { userIds: [a.id] });
        if (answer.error === 'rate_limited') await new Promise((resolve) => setTimeout(resolve, answer.retryAfterMs));
        else if (answer.online.length === 0) return true;
        return undefined;
      }, 100);
    };

    // The same client reconnecting, or a new one connecting.
    for (const sameClient of [true, false]) {
      const online = nextEvent(watching, 'presence', (p) => p.userId === a.id && p.online);
      const sockets = await Promise.all(['/messaging', '/', '/notifications'].map((ns) => connect(server, ns, a)));
      await online;
      await drain(sockets[0]);
      await closeAll(sockets);
      const socket = sameClient ? await connected(sockets[0]) : await connect(server, '/messaging', a);
      // Well within the second a token takes to come back: a fresh budget would grant them all.
      const [granted, refused] = await burstOf(socket, BURST);
      assert.ok(granted.length < BURST, `${granted.length} of ${BURST} granted right after coming back`);
      refused.forEach(assertBudgetRefusal);
      await closeAll([socket]);
    }
  });
});
