// Messages over Socket.IO, against docs/REALTIME.md: two people exchange messages live
// (numbered 1, 2, 3, one shape over the socket and over REST, sent again by client id
// without a second broadcast); reactions, edits and deletions reach the room, and only the
// author edits or deletes; a reply announces its thread's start with the new reply count.
//
// "Did not arrive" is shown with a barrier, not a pause: a later event that the server sends
// after the one that must not come (over the same connection) is awaited first.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextEvent, record, request, requestOk, sendMessage, socketSuite } from './realtimeClient.mjs';
import { pair, rest, restOk, sendOverRest } from './realtimeStudio.mjs';

describe('messages over Socket.IO', { timeout: 60_000 }, () => {
  const server = socketSuite();

  it('delivers messages live, numbered 1, 2, 3, and a client id sends only once', async () => {
    const { a, b, conversation, sa, sb } = await pair(server);
    const atB = record(sb, 'message:new');
    const atA = record(sa, 'message:new');

    // Over the socket: the acknowledgement has the stored message; B hears the same.
    const heard = nextEvent(sb, 'message:new');
    const ack = await requestOk(sa, 'message:send', { conversationId: conversation.id, body: 'Hello Ben' });
    assert.equal(ack.created, true);
    assert.equal(ack.message.seq, 1);
    assert.equal(ack.message.authorId, a.id);
    assert.equal(ack.message.conversationId, conversation.id);
    assert.deepEqual(await heard, ack.message, 'one shape whichever way a message travels');

    // Over REST: B hears it live too, and so does the sender's own socket.
    const heardRest = nextEvent(sb, 'message:new', (m) => m.seq === 2);
    const viaRest = await sendOverRest(server, a, conversation.id, 'Sent over REST');
    assert.equal(viaRest.seq, 2);
    assert.deepEqual(await heardRest, viaRest);

    // B answers over the socket: 3.
    const heardAtA = nextEvent(sa, 'message:new', (m) => m.seq === 3);
    const answer = await sendMessage(sb, conversation.id, 'Hi Ada');
    assert.equal(answer.seq, 3);
    assert.equal((await heardAtA).authorId, b.id);

    // A client id: the second send returns the first message, not broadcast again.
    const clientId = `draft-${Date.now()}-${Math.random()}`;
    const original = await requestOk(sa, 'message:send', { conversationId: conversation.id, body: 'Once', clientId });
    assert.equal(original.created, true);
    assert.equal(original.message.seq, 4);
    assert.equal(original.message.clientId, clientId);
    const again = await requestOk(sa, 'message:send', { conversationId: conversation.id, body: 'Once', clientId });
    assert.equal(again.created, false);
    assert.deepEqual(again.message, original.message);
    // Over REST with the same client id: the same message again.
    const againRest = await rest(server, a.token, 'POST', `/api/conversations/${conversation.id}/messages`, {
      body: 'Once',
      clientId,
    });
    assert.equal(againRest.status, 200);
    assert.equal(againRest.body.id, original.message.id);
    // Barrier: the next message arrives after anything the resends could have caused
    // (at each socket; the sender's acknowledgement may come before its own broadcast).
    const barriers = [sa, sb].map((s) => nextEvent(s, 'message:new', (m) => m.body === 'barrier'));
    const last = await sendMessage(sa, conversation.id, 'barrier');
    assert.equal(last.seq, 5, 'the resends took no number');
    await Promise.all(barriers);
    assert.deepEqual(atB.map((m) => m.seq), [1, 2, 3, 4, 5], 'B heard each message once, in order');
    assert.deepEqual(atA.map((m) => m.seq), [1, 2, 3, 4, 5]);
  });

  it('broadcasts reactions, edits and deletions; only the author edits or deletes', async () => {
    const { a, b, conversation, sa, sb } = await pair(server);
    const message = await sendMessage(sa, conversation.id, 'Draft one');

    // B reacts; A hears the message with its reactions.
    let updated = nextEvent(sa, 'message:updated', (m) => m.id === message.id);
    const reacted = await requestOk(sb, 'message:react', { messageId: message.id, emoji: '👍' });
    assert.deepEqual(reacted.message.reactions, [{ emoji: '👍', count: 1, userIds: [b.id] }]);
    assert.deepEqual(await updated, reacted.message);
    // A reacts the same: one reaction, two people.
    updated = nextEvent(sb, 'message:updated', (m) => m.id === message.id && m.reactions[0]?.count === 2);
    await requestOk(sa, 'message:react', { messageId: message.id, emoji: '👍' });
    const both = await updated;
    assert.equal(both.reactions.length, 1);
    assert.deepEqual(new Set(both.reactions[0].userIds), new Set([a.id, b.id]));
    // B takes theirs back.
    updated = nextEvent(sa, 'message:updated', (m) => m.id === message.id && m.reactions[0]?.count === 1);
    await requestOk(sb, 'message:react', { messageId: message.id, emoji: '👍', on: false });
    assert.deepEqual((await updated).reactions, [{ emoji: '👍', count: 1, userIds: [a.id] }]);

    // A edits; B hears the new body, marked edited.
    updated = nextEvent(sb, 'message:updated', (m) => m.id === message.id && m.body === 'Final text');
    const edited = await requestOk(sa, 'message:edit', { messageId: message.id, body: 'Final text' });
    assert.equal(edited.message.body, 'Final text');
    assert.ok(edited.message.editedAt, 'editedAt is set');
    assert.deepEqual(await updated, edited.message);
    assert.equal(edited.message.seq, message.seq, 'an edit keeps its number');

    // B may neither edit nor delete A's message.
    for (const [event, payload] of [
      ['message:edit', { messageId: message.id, body: 'hijacked' }],
      ['message:delete', { messageId: message.id }],
    ]) {
      const refused = await request(sb, event, payload);
      assert.equal(refused.error, 'forbidden', `${event}: ${JSON.stringify(refused)}`);
    }
    // An edit that says nothing is refused on its field.
    const empty = await request(sa, 'message:edit', { messageId: message.id, body: '' });
    assert.equal(empty.error, 'invalid');
    assert.equal(empty.field, 'body');

    // A deletes: B hears the tombstone.
    const deletedEvent = nextEvent(sb, 'message:deleted', (m) => m.id === message.id);
    const deleted = await requestOk(sa, 'message:delete', { messageId: message.id });
    assert.equal(deleted.message.deleted, true);
    assert.equal(deleted.message.body, '');
    assert.deepEqual(await deletedEvent, deleted.message);

    // REST changes travel the same way.
    const viaRest = await sendMessage(sa, conversation.id, 'Second');
    updated = nextEvent(sb, 'message:updated', (m) => m.id === viaRest.id);
    await restOk(server, a.token, 'PATCH', `/api/messages/${viaRest.id}`, { body: 'Second, edited' });
    assert.equal((await updated).body, 'Second, edited');
    const gone = nextEvent(sb, 'message:deleted', (m) => m.id === viaRest.id);
    await restOk(server, a.token, 'DELETE', `/api/messages/${viaRest.id}`);
    assert.equal((await gone).deleted, true);
  });

  it('announces a thread’s start with its new reply count after each reply, once per reply', async () => {
    const { a, b, conversation, sa, sb } = await pair(server);
    const start = await sendMessage(sa, conversation.id, 'Start of a thread');
    assert.equal(start.replyCount, 0);
    const isStart = (m) => m.id === start.id;
    const startUpdatesAtA = [];
    const startUpdatesAtB = [];
    sa.on('message:updated', (m) => isStart(m) && startUpdatesAtA.push(m));
    sb.on('message:updated', (m) => isStart(m) && startUpdatesAtB.push(m));

    // B replies over the socket: both hear the reply, and the start with replyCount 1.
    const replyAtA = nextEvent(sa, 'message:new', (m) => m.parentId === start.id);
    const grownAtA = nextEvent(sa, 'message:updated', isStart);
    const grownAtB = nextEvent(sb, 'message:updated', isStart);
    const reply = await sendMessage(sb, conversation.id, 'First reply', { parentId: start.id });
    assert.equal(reply.parentId, start.id);
    assert.equal((await replyAtA).id, reply.id);
    const grown = await grownAtA;
    assert.equal(grown.replyCount, 1);
    assert.deepEqual({ ...grown, replyCount: 0 }, start, 'the start, unchanged but for its reply count');
    assert.deepEqual(await grownAtB, grown);

    // A reply over REST counts the same; a resend by client id is no new reply.
    const twoAtB = nextEvent(sb, 'message:updated', (m) => isStart(m) && m.replyCount === 2);
    const clientId = `reply-${Date.now()}`;
    await sendOverRest(server, a, conversation.id, 'Second reply', { parentId: start.id, clientId });
    await twoAtB;
    const resent = await requestOk(sa, 'message:send', {
      conversationId: conversation.id,
      body: 'Second reply',
      parentId: start.id,
      clientId,
    });
    assert.equal(resent.created, false);

    // Eight replies at once from both: the counts come 3…10, in order, one event each.
    const tenAtA = nextEvent(sa, 'message:updated', (m) => isStart(m) && m.replyCount === 10);
    const tenAtB = nextEvent(sb, 'message:updated', (m) => isStart(m) && m.replyCount === 10);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => sendMessage(i % 2 ? sa : sb, conversation.id, `reply ${i}`, { parentId: start.id })),
    );
    await Promise.all([tenAtA, tenAtB]);
    // Barrier: a message on the main line comes after anything the replies caused.
    const barriers = [sa, sb].map((s) => nextEvent(s, 'message:new', (m) => m.body === 'back on the main line'));
    await sendMessage(sa, conversation.id, 'back on the main line');
    await Promise.all(barriers);
    const counts = Array.from({ length: 10 }, (_, i) => i + 1);
    assert.deepEqual(startUpdatesAtA.map((m) => m.replyCount), counts);
    assert.deepEqual(startUpdatesAtB.map((m) => m.replyCount), counts);

    // REST agrees: ten replies in the thread, the start says so.
    const thread = await restOk(server, b.token, 'GET', `/api/conversations/${conversation.id}/messages?thread=${start.id}`);
    assert.equal(thread.items.length, 10);
    const main = await restOk(server, b.token, 'GET', `/api/conversations/${conversation.id}/messages`);
    assert.equal(main.items.find(isStart).replyCount, 10);
  });
});
