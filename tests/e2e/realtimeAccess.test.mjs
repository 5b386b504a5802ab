// Who hears a conversation, against docs/REALTIME.md: a socket is refused what is not its
// person's (rooms, messages, boards of others: `not_found`); the people of a new
// conversation are brought into its room and told, before its first message, without
// reconnecting or joining; a removed participant is told, then hears nothing more of it,
// and an added one hears it again at once.
//
// "Did not arrive" is shown with a barrier, not a pause: an event that the server delivers
// to the same socket after the one that must not come is awaited first (live delivery keeps
// publish order, so a message in another conversation of the same socket will do).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { connect, eventually, nextEvent, record, recordAll, request, requestOk, sendMessage, socketSuite } from './realtimeClient.mjs';
import { directConversation, groupConversation, project, rest, restOk, sendOverRest, studio } from './realtimeStudio.mjs';

/** The events of `log` (from `recordAll`) about `conversationId`. */
const about = (log, conversationId) => log.filter(([, payload]) => payload?.conversationId === conversationId);

describe('conversation access over Socket.IO', { timeout: 60_000 }, () => {
  const server = socketSuite();

  /** Waits until `socket` hears a message `from` sends in their direct conversation `direct`. */
  async function barrier(socket, from, direct) {
    const body = `barrier ${randomUUID()}`;
    const heard = nextEvent(socket, 'message:new', (m) => m.body === body);
    await sendOverRest(server, from, direct.id, body);
    await heard;
  }

  it('refuses what a socket may not touch: rooms of others, their messages, their boards', async () => {
    const {
      orgId,
      people: [a, b, c],
    } = await studio(server, ['Ann Inside', 'Bob Inside', 'Cat Colleague']);
    const conversation = await directConversation(server, a, b);
    const sa = await connect(server, '/messaging', a);
    const sb = await connect(server, '/messaging', b);
    const sc = await connect(server, '/messaging', c);
    const typingAtA = record(sa, 'typing');
    const typingAtB = record(sb, 'typing');
    const newAtC = record(sc, 'message:new');
    const message = await sendMessage(sa, conversation.id, 'between Ann and Bob');

    // Cat shares the organization, not the conversation: "not yours to know of".
    const refusedJoin = await request(sc, 'conversation:join', { conversationId: conversation.id });
    assert.equal(refusedJoin.error, 'not_found', JSON.stringify(refusedJoin));
    assert.equal(typeof refusedJoin.message, 'string');
    // A conversation that does not exist at all answers the same.
    assert.equal((await request(sc, 'conversation:join', { conversationId: randomUUID() })).error, 'not_found');
    for (const [event, payload] of [
      ['conversation:sync', { conversationId: conversation.id, afterSeq: 0 }],
      ['message:send', { conversationId: conversation.id, body: 'let me in' }],
      ['conversation:read', { conversationId: conversation.id }],
      ['message:react', { messageId: message.id, emoji: '👀' }],
    ]) {
      const answer = await request(sc, event, payload);
      assert.equal(answer.error, 'not_found', `${event}: ${JSON.stringify(answer)}`);
    }
    // A payload of the wrong shape is named as such.
    const malformed = await request(sc, 'conversation:join', { conversation: 'nope' });
    assert.equal(malformed.error, 'malformed', JSON.stringify(malformed));

    // Cat's typing in Ann and Bob's conversation reaches neither of them.
    sc.emit('typing:start', { conversationId: conversation.id });
    sc.emit('typing:stop', { conversationId: conversation.id });
    await requestOk(sc, 'presence:query', { userIds: [] });
    // Barriers: each of them hears the other's typing, sent after Cat's.
    const bHearsA = nextEvent(sb, 'typing', (t) => t.userId === a.id);
    const aHearsB = nextEvent(sa, 'typing', (t) => t.userId === b.id);
    sa.emit('typing:start', { conversationId: conversation.id });
    sb.emit('typing:start', { conversationId: conversation.id });
    await Promise.all([bHearsA, aHearsB]);
    assert.deepEqual([...typingAtA, ...typingAtB].filter((t) => t.userId === c.id), [], "Cat's typing reached someone");
    // Nothing of theirs reached Cat either.
    await barrier(sc, a, await directConversation(server, a, c));
    assert.deepEqual(newAtC.filter((m) => m.conversationId === conversation.id), []);

    // Boards: a project of another organization is not Cat's to watch, on either namespace.
    const {
      orgId: otherOrg,
      people: [stranger],
    } = await studio(server, ['Sol Stranger']);
    const hidden = await project(server, stranger, otherOrg, 'Hidden work');
    for (const namespace of ['/', '/projects']) {
      const board = await connect(server, namespace, c);
      const refused = await request(board, 'project:join', { projectId: hidden.id });
      assert.equal(refused.error, 'not_found', `${namespace}: ${JSON.stringify(refused)}`);
    }
    // A project of Cat's own organization is (a member may look).
    const own = await project(server, a, orgId, 'Open work');
    const board = await connect(server, '/', c);
    assert.equal((await requestOk(board, 'project:join', { projectId: own.id })).projectId, own.id);
    // And its channel conversation is Cat's to join and sync.
    const channel = await requestOk(sc, 'conversation:join', { conversationId: own.id });
    assert.deepEqual(channel, { conversationId: own.id, lastSeq: 0 });
  });

  it('tells the people of a new conversation, in its room, before its first message', async () => {
    const {
      people: [a, b, c, d],
    } = await studio(server, ['Cy Creator', 'Di Direct', 'Ed Grouped', 'Flo Outside']);
    const toD = await directConversation(server, a, d);
    const [sa, sb, sc, sd] = await Promise.all([a, b, c, d].map((person) => connect(server, '/messaging', person)));
    const sockets = new Map([[a, sa], [b, sb], [c, sc], [d, sd]]);
    const logs = new Map([...sockets.values()].map((socket) => [socket, recordAll(socket)]));
    // On being told, each one types at once: relayed only if its socket is already in the room.
    for (const socket of [sb, sc]) {
      socket.on('conversation:updated', (u) => u.created && socket.emit('typing:start', { conversationId: u.conversationId }));
    }

    let direct;
    for (const [kind, create, invited] of [
      ['direct', () => directConversation(server, a, b), [b]],
      ['group', () => groupConversation(server, a, [b, c]), [b, c]],
    ]) {
      const created = await create();
      direct ??= created;
      const people = [a, ...invited];
      const arrived = people.map((p) => nextEvent(sockets.get(p), 'message:new', (m) => m.conversationId === created.id));
      // The first message, over the socket, right after the conversation was made.
      const first = await sendMessage(sa, created.id, `first words, ${kind}`);
      assert.equal(first.seq, 1);
      await Promise.all(arrived);
      // (Their typing may have come before the REST answer did: read it from A's log.)
      await eventually(`${kind}: the typing of ${invited.map((p) => p.name)} at A`, () => {
        const typists = about(logs.get(sa), created.id).filter(([name]) => name === 'typing').map(([, t]) => t.userId);
        return invited.every((p) => typists.includes(p.id)) ? true : undefined;
      });
      await barrier(sd, a, toD);
      for (const [person, socket] of sockets) {
        const heard = about(logs.get(socket), created.id).filter(([name]) => name !== 'typing');
        const expected = people.includes(person)
          ? [
              ['conversation:updated', { conversationId: created.id, created: true }],
              ['message:new', first],
            ]
          : [];
        assert.deepEqual(heard, expected, `${kind}: what ${person.name} heard`);
      }
    }

    // Asking for the same direct conversation again makes nothing new: no second announcement.
    const again = await directConversation(server, a, b);
    assert.equal(again.id, direct.id);
    await barrier(sb, a, direct);
    const createdAtB = about(logs.get(sb), direct.id).filter(([name]) => name === 'conversation:updated');
    assert.equal(createdAtB.length, 1, JSON.stringify(createdAtB));
  });

  it('tells a removed participant, then delivers nothing more of the group to them', async () => {
    const {
      people: [owner, stays, removed],
    } = await studio(server, ['Gia Owner', 'Hal Stays', 'Ivo Removed']);
    const group = await groupConversation(server, owner, [stays, removed]);
    const toRemoved = await directConversation(server, owner, removed);
    const so = await connect(server, '/messaging', owner);
    const ss = await connect(server, '/messaging', stays);
    const sr = await connect(server, '/messaging', removed);
    const atRemoved = recordAll(sr);

    // While a participant, they hear the group.
    const before = [nextEvent(ss, 'message:new'), nextEvent(sr, 'message:new')];
    const first = await sendMessage(so, group.id, 'all three of us');
    for (const heard of await Promise.all(before)) assert.equal(heard.id, first.id);

    const told = { conversationId: group.id, removed: removed.id };
    const updated = [ss, sr].map((s) => nextEvent(s, 'conversation:updated', (u) => u.conversationId === group.id));
    const answer = await rest(server, owner.token, 'DELETE', `/api/conversations/${group.id}/participants/${removed.id}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    for (const heard of await Promise.all(updated)) assert.deepEqual(heard, told);

    // Then nothing. Messages over the socket and REST, an edit, a reaction: published after
    // the removal, so delivered after their sockets left the room.
    const next = await sendMessage(so, group.id, 'just us two');
    await requestOk(so, 'message:edit', { messageId: first.id, body: 'all three of us, once' });
    await requestOk(ss, 'message:react', { messageId: next.id, emoji: '🙂' });
    await sendOverRest(server, stays, group.id, 'still just us');
    // Typing is relayed by room, not in publish order: once they have surely left (they were
    // told first), the owner types; the one who stays hears it, then the barrier.
    await barrier(sr, owner, toRemoved);
    const ownerTyped = nextEvent(ss, 'typing', (t) => t.conversationId === group.id && t.userId === owner.id);
    so.emit('typing:start', { conversationId: group.id });
    await ownerTyped;
    await barrier(sr, owner, toRemoved);
    assert.deepEqual(
      about(atRemoved, group.id).map(([name, payload]) => [name, name === 'message:new' ? payload.body : payload]),
      [
        ['message:new', 'all three of us'],
        ['conversation:updated', told],
      ],
      'what the removed participant heard of the group',
    );
    for (const [event, payload] of [
      ['conversation:join', { conversationId: group.id }],
      ['conversation:sync', { conversationId: group.id, afterSeq: 0 }],
      ['message:send', { conversationId: group.id, body: 'am I still here?' }],
    ]) {
      assert.equal((await request(sr, event, payload)).error, 'not_found', event);
    }

    // Added back, they join the room at once: the next message reaches them.
    const readded = nextEvent(sr, 'conversation:updated', (u) => u.conversationId === group.id);
    await restOk(server, owner.token, 'POST', `/api/conversations/${group.id}/participants`, { userIds: [removed.id] });
    await readded;
    const back = nextEvent(sr, 'message:new', (m) => m.body === 'welcome back');
    const welcome = await sendMessage(so, group.id, 'welcome back');
    assert.equal((await back).id, welcome.id);
    const readmitted = await requestOk(sr, 'conversation:sync', { conversationId: group.id, afterSeq: 0 });
    assert.equal(readmitted.lastSeq, welcome.seq);
    const removedAgain = nextEvent(ss, 'conversation:updated', (u) => u.removed === removed.id);
    await restOk(server, owner.token, 'DELETE', `/api/conversations/${group.id}/participants/${removed.id}`);
    await removedAgain;
    await barrier(sr, owner, toRemoved);

    // Typing from the removed socket no longer reaches the group.
    const typingAtOwner = record(so, 'typing');
    sr.emit('typing:start', { conversationId: group.id });
    await requestOk(sr, 'presence:query', { userIds: [] });
    const typed = nextEvent(so, 'typing', (t) => t.userId === stays.id);
    ss.emit('typing:start', { conversationId: group.id });
    await typed;
    assert.deepEqual(typingAtOwner.filter((t) => t.userId === removed.id), []);
  });
});
