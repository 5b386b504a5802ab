// What travels beside messages, against docs/REALTIME.md: typing relayed to the others in
// a conversation (never echoed), read receipts to the others and to the reader's other tabs
// (positions only move forward; unread counts agree), and presence announced once per
// person however many tabs they have open.
//
// "Did not arrive" is shown with a barrier, not a pause: a later event that the server sends
// after the one that must not come (over the same connection) is awaited first.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect, eventually, nextEvent, record, requestOk, sendMessage, socketSuite } from './realtimeClient.mjs';
import { directConversation, listedConversation, pair, studio } from './realtimeStudio.mjs';

describe('typing, read receipts and presence', { timeout: 60_000 }, () => {
  const server = socketSuite();

  it('relays typing to the others in the conversation', async () => {
    const { a, b, conversation, sa, sb } = await pair(server);
    const atA = record(sa, 'typing');
    const starts = nextEvent(sb, 'typing', (t) => t.typing === true);
    sa.emit('typing:start', { conversationId: conversation.id });
    assert.deepEqual(await starts, { conversationId: conversation.id, userId: a.id, name: a.name, typing: true });
    const stops = nextEvent(sb, 'typing', (t) => t.typing === false);
    sa.emit('typing:stop', { conversationId: conversation.id });
    assert.deepEqual(await stops, { conversationId: conversation.id, userId: a.id, name: a.name, typing: false });
    // Not echoed to the typist: barrier, B types back.
    const back = nextEvent(sa, 'typing', (t) => t.userId === b.id);
    sb.emit('typing:start', { conversationId: conversation.id });
    await back;
    assert.deepEqual(atA.map((t) => t.userId), [b.id]);
  });

  it('sends read receipts to the others and to the reader’s other tabs; unread counts agree', async () => {
    const { a, b, conversation, sa, sb } = await pair(server);
    const otherTab = await connect(server, '/messaging', b);
    const receiptsAtA = record(sa, 'conversation:read');
    for (const body of ['one', 'two', 'three']) await sendMessage(sa, conversation.id, body);
    assert.equal((await listedConversation(server, b, conversation.id)).unreadCount, 3);

    const atA = nextEvent(sa, 'conversation:read', (r) => r.lastReadSeq === 2);
    const atOtherTab = nextEvent(otherTab, 'conversation:read', (r) => r.lastReadSeq === 2);
    const read = await requestOk(sb, 'conversation:read', { conversationId: conversation.id, seq: 2 });
    assert.deepEqual(read, { conversationId: conversation.id, lastReadSeq: 2 });
    const receipt = { conversationId: conversation.id, userId: b.id, lastReadSeq: 2 };
    assert.deepEqual(await atA, receipt);
    assert.deepEqual(await atOtherTab, receipt);
    const afterTwo = await listedConversation(server, b, conversation.id);
    assert.equal(afterTwo.lastReadSeq, 2);
    assert.equal(afterTwo.unreadCount, 1);
    const seenByA = await listedConversation(server, a, conversation.id);
    assert.equal(seenByA.participants.find((p) => p.userId === b.id).lastReadSeq, 2);
    assert.equal(seenByA.unreadCount, 0, "the sender's own messages are not unread to them");

    // Without seq: to the newest.
    const toNewest = nextEvent(sa, 'conversation:read', (r) => r.lastReadSeq === 3);
    assert.equal((await requestOk(sb, 'conversation:read', { conversationId: conversation.id })).lastReadSeq, 3);
    await toNewest;
    assert.equal((await listedConversation(server, b, conversation.id)).unreadCount, 0);

    // Never backwards, and no receipt for a position that did not move; past the newest is the newest.
    assert.equal((await requestOk(sb, 'conversation:read', { conversationId: conversation.id, seq: 1 })).lastReadSeq, 3);
    assert.equal((await requestOk(sb, 'conversation:read', { conversationId: conversation.id, seq: 99 })).lastReadSeq, 3);
    await sendMessage(sa, conversation.id, 'four');
    assert.equal((await listedConversation(server, b, conversation.id)).unreadCount, 1);
    const four = nextEvent(sa, 'conversation:read', (r) => r.lastReadSeq === 4);
    await requestOk(sb, 'conversation:read', { conversationId: conversation.id, seq: 4 });
    await four;
    assert.deepEqual(receiptsAtA.map((r) => r.lastReadSeq), [2, 3, 4]);
  });

  it('announces presence once per person, whatever the number of tabs', async () => {
    const {
      people: [watcher, b],
    } = await studio(server, ['Wes Watcher', 'Tia Tabs']);
    const conversation = await directConversation(server, watcher, b);
    const sw = await connect(server, '/messaging', watcher);
    const presence = record(sw, 'presence');
    const ofB = () => presence.filter((p) => p.userId === b.id);

    const online = nextEvent(sw, 'presence', (p) => p.userId === b.id);
    const tab1 = await connect(server, '/messaging', b);
    assert.deepEqual(await online, { userId: b.id, online: true });
    const tab2 = await connect(server, '/messaging', b);
    // Barrier: the second tab's typing comes after anything its connecting caused.
    const typed = nextEvent(sw, 'typing', (t) => t.userId === b.id);
    tab2.emit('typing:start', { conversationId: conversation.id });
    await typed;
    assert.deepEqual(ofB(), [{ userId: b.id, online: true }], 'a second tab is not a second presence');
    assert.deepEqual(await requestOk(sw, 'presence:query', { userIds: [b.id, watcher.id] }), {
      online: [b.id, watcher.id],
    });

    // One tab closes: still online. Poll the server's view until the close has surely been
    // handled (the closed tab's engine is gone) and confirm nothing said offline.
    tab1.disconnect();
    for (let round = 0; round < 10; round += 1) {
      assert.deepEqual((await requestOk(sw, 'presence:query', { userIds: [b.id] })).online, [b.id]);
    }
    const typedAgain = nextEvent(sw, 'typing', (t) => t.userId === b.id && t.typing === false);
    tab2.emit('typing:stop', { conversationId: conversation.id });
    await typedAgain;
    assert.deepEqual(ofB(), [{ userId: b.id, online: true }], 'closing one of two tabs said offline');

    // The last tab closes: offline, once.
    const offline = nextEvent(sw, 'presence', (p) => p.userId === b.id && p.online === false);
    tab2.disconnect();
    assert.deepEqual(await offline, { userId: b.id, online: false });
    await eventually('the last tab to count as gone', async () => {
      const { online: now } = await requestOk(sw, 'presence:query', { userIds: [b.id] });
      return now.length === 0 ? true : undefined;
    });
    assert.deepEqual(ofB(), [
      { userId: b.id, online: true },
      { userId: b.id, online: false },
    ]);
  });

  it(
    'announces offline when a person’s sockets on every namespace close at once (60 times)',
    async () => {
      const {
        people: [a, witness],
      } = await studio(server, ['Ola Offline', 'Vik Witness']);
      await directConversation(server, a, witness);
      const watching = await connect(server, '/messaging', witness);
      for (let round = 1; round <= 60; round += 1) {
        const online = nextEvent(watching, 'presence', (p) => p.userId === a.id && p.online);
        const sockets = await Promise.all(['/messaging', '/', '/notifications'].map((ns) => connect(server, ns, a)));
        await online;
        // A short wait: with the bug it times out, and the suite should not crawl.
        const offline = nextEvent(watching, 'presence', (p) => p.userId === a.id && !p.online, 3000).then(
          () => 'announced',
          () => 'never announced',
        );
        for (const socket of sockets) socket.disconnect();
        assert.equal(await offline, 'announced', `round ${round}: A went offline`);
      }
    },
  );
});
