// Socket.IO end to end, against docs/REALTIME.md: the official `socket.io-client` talks to
// the real server over WebSocket, long-polling and the upgrade between them, at both paths;
// handshakes without a valid token are refused with the catalogue's words; two people
// exchange messages live (numbered 1, 2, 3, sent again by client id without a second
// broadcast); rooms are checked on every join and left at once when access goes; typing,
// read receipts, presence across tabs, reactions, edits and deletions; boards watched live
// on `/` and `/projects`; the bell on `/notifications`; and the per-person event budget.
//
// "Did not arrive" is shown with a barrier, not a pause: a later event that the server sends
// after the one that must not come (over the same connection) is awaited first.

import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { startServer } from './harness.mjs';
import {
  ALIAS_PATH,
  GENEROUS_LIMITS,
  SOCKET_PATH,
  connect,
  connected,
  directConversation,
  disconnectAll,
  eventually,
  groupConversation,
  listedConversation,
  nextEvent,
  record,
  refusal,
  request,
  requestOk,
  rest,
  restOk,
  sendOverRest,
  signUp,
  socketTo,
  studio,
  within,
} from './realtimeClient.mjs';

const REFUSED = {
  missing: 'Authentication required: send the access token as auth.token.',
  expired: 'Token expired: refresh the access token and reconnect.',
  invalid: 'Invalid token: sign in again.',
};

/** A secret the test knows, so it can sign tokens the way the server does (HS256). */
const JWT_SECRET = randomBytes(32).toString('hex');

describe('Socket.IO against the real server', { timeout: 120_000 }, () => {
  let server;

  before(async () => {
    server = await startServer({ env: { ...GENEROUS_LIMITS, JWT_SECRET } });
  });

  afterEach(() => disconnectAll());

  after(async () => {
    disconnectAll();
    await server?.stop();
  });

  /** Two colleagues with a direct conversation, each with a /messaging socket. */
  async function pair(options = {}) {
    const {
      people: [a, b],
    } = await studio(server, ['Ada Sender', 'Ben Reader']);
    const conversation = await directConversation(server, a, b);
    const sa = await connect(server, '/messaging', a, options.a);
    const sb = await connect(server, '/messaging', b, options.b);
    return { a, b, conversation, sa, sb };
  }

  /** Sends over `socket` and checks the acknowledgement; answers the MessageView. */
  async function send(socket, conversationId, body, extra = {}) {
    const ack = await requestOk(socket, 'message:send', { conversationId, body, ...extra });
    assert.equal(ack.created, true, `a new message: ${JSON.stringify(ack)}`);
    assert.equal(ack.message.body, body);
    return ack.message;
  }

  describe('transports and paths', () => {
    it('talks over WebSocket only', async () => {
      const { conversation, sa, sb } = await pair({
        a: { transports: ['websocket'] },
        b: { transports: ['websocket'] },
      });
      assert.equal(sa.io.engine.transport.name, 'websocket');
      const received = nextEvent(sb, 'message:new');
      const sent = await send(sa, conversation.id, 'over a websocket');
      assert.equal((await received).id, sent.id);
      assert.equal(sb.io.engine.transport.name, 'websocket');
    });

    it('talks over HTTP long-polling only, and stays on it', async () => {
      const { conversation, sa, sb } = await pair({ a: { transports: ['polling'] } });
      const upgrades = [];
      sa.io.engine.on('upgrade', (transport) => upgrades.push(transport.name));
      assert.equal(sa.io.engine.transport.name, 'polling');

      // A polling client sends, the other hears it, and the sender's own socket too.
      const toOther = nextEvent(sb, 'message:new');
      const toSelf = nextEvent(sa, 'message:new');
      const sent = await send(sa, conversation.id, 'over long-polling');
      assert.equal((await toOther).id, sent.id);
      assert.equal((await toSelf).id, sent.id);
      // And hears the other's reply.
      const reply = nextEvent(sa, 'message:new', (m) => m.body === 'polling hears back');
      await send(sb, conversation.id, 'polling hears back');
      assert.equal((await reply).seq, 2);

      assert.equal(sa.io.engine.transport.name, 'polling');
      assert.deepEqual(upgrades, []);
    });

    it('starts on polling and upgrades to WebSocket by default', async () => {
      const {
        people: [a, b],
      } = await studio(server, ['Uma Upgrader', 'Vic Peer']);
      const conversation = await directConversation(server, a, b);
      const socket = socketTo(server, '/messaging', { token: a.token });
      let firstTransport;
      const upgraded = new Promise((resolve) => {
        socket.io.on('open', () => {
          firstTransport = socket.io.engine.transport.name;
          socket.io.engine.once('upgrade', (transport) => resolve(transport.name));
        });
      });
      await connected(socket);
      assert.equal(firstTransport, 'polling', 'the connection opens on long-polling');
      assert.equal(await within(upgraded, "the engine's upgrade event"), 'websocket');
      assert.equal(socket.io.engine.transport.name, 'websocket');

      const peer = await connect(server, '/messaging', b);
      const received = nextEvent(peer, 'message:new');
      const sent = await send(socket, conversation.id, 'after the upgrade');
      assert.equal((await received).id, sent.id);
    });

    it('answers at the /socket.io alias, sharing rooms with /api/socket.io', async () => {
      const {
        people: [a, b],
      } = await studio(server, ['Ali Alias', 'Bea Main']);
      const conversation = await directConversation(server, a, b);
      const viaAlias = await connect(server, '/messaging', a, { path: ALIAS_PATH });
      const viaMain = await connect(server, '/messaging', b, { path: SOCKET_PATH });
      for (const [from, to, body] of [
        [viaAlias, viaMain, 'from the alias'],
        [viaMain, viaAlias, 'to the alias'],
      ]) {
        const received = nextEvent(to, 'message:new', (m) => m.body === body);
        const sent = await send(from, conversation.id, body);
        assert.equal((await received).id, sent.id);
      }
      const polling = await connect(server, '/messaging', a, { path: ALIAS_PATH, transports: ['polling'] });
      assert.equal(polling.io.engine.transport.name, 'polling');
      const online = await requestOk(polling, 'presence:query', { userIds: [a.id, b.id] });
      assert.deepEqual(new Set(online.online), new Set([a.id, b.id]), 'one presence across both paths');
    });

    it(
      'answers a request sent the moment a socket connects',
      {
        todo:
          'server bug: the connection handler runs after `connect` reaches the client (socketioxide spawns it; ' +
          '/messaging awaits the conversation list before registering its event handlers), so a request that ' +
          'arrives first is dropped unanswered (intermittent: a race)',
      },
      async () => {
        const {
          people: [a, b],
        } = await studio(server, ['Quin Quick', 'Rae Peer']);
        const conversation = await directConversation(server, a, b);
        for (const [namespace, event, payload] of [
          // What REALTIME.md asks of a client after a reconnect: sync at once.
          ['/messaging', 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 }],
          ['/', 'project:leave', { projectId: randomUUID() }],
        ]) {
          for (let attempt = 1; attempt <= 10; attempt += 1) {
            const socket = socketTo(server, namespace, { token: a.token });
            // Emitted before `connect`: socket.io-client sends it right after the connect packet.
            const answer = socket.timeout(2000).emitWithAck(event, payload);
            socket.connect();
            await assert.doesNotReject(answer, `${namespace} ${event}, attempt ${attempt}: no acknowledgement`);
            socket.disconnect();
          }
        }
      },
    );

    for (const path of [SOCKET_PATH, ALIAS_PATH]) {
      it(`opens a polling session at ${path} with the seed's settings`, async () => {
        const response = await fetch(new URL(`${path}/?EIO=4&transport=polling`, server.baseUrl));
        assert.equal(response.status, 200);
        const text = await response.text();
        assert.equal(text[0], '0', `an Engine.IO open packet: ${text}`);
        const open = JSON.parse(text.slice(1));
        assert.equal(typeof open.sid, 'string');
        assert.ok(open.sid.length > 0);
        assert.deepEqual(open.upgrades, ['websocket']);
        assert.equal(open.pingInterval, 25000);
        assert.equal(open.pingTimeout, 20000);
        assert.equal(open.maxPayload, 1000000);
      });
    }
  });

  describe('handshake authentication', () => {
    /** A token with `claims`, signed HS256 with `secret`, as jsonwebtoken makes them. */
    function jwt(claims, secret) {
      const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode(claims)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    }

    function claimsOf(token) {
      return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    }

    it('refuses a handshake without a token, on every namespace', async () => {
      for (const namespace of ['/messaging', '/', '/projects', '/notifications']) {
        const error = await refusal(server, namespace, {});
        assert.equal(error.message, REFUSED.missing, namespace);
      }
      const empty = await refusal(server, '/messaging', { auth: { token: '' } });
      assert.equal(empty.message, REFUSED.missing);
      const notAnObject = await refusal(server, '/messaging', { auth: { bearer: 'x' } });
      assert.equal(notAnObject.message, REFUSED.missing);
    });

    it('refuses forged and malformed tokens', async () => {
      const person = await signUp(server, 'Fay Forged');
      // The same claims, signed with a secret that is not the server's.
      const forged = jwt(claimsOf(person.token), randomBytes(32).toString('hex'));
      // The real token with its signature replaced.
      const [header, payload] = person.token.split('.');
      const resigned = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
      // The server's secret, but unsigned (`alg: none`).
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      for (const token of [forged, resigned, none, 'not-a-jwt', 'a.b.c', `${person.token}x`]) {
        for (const namespace of ['/messaging', '/']) {
          const error = await refusal(server, namespace, { token });
          assert.equal(error.message, REFUSED.invalid, `${namespace} with ${token}`);
        }
      }
      // The genuine token still works (the refusals were about the tokens).
      await connect(server, '/messaging', person);
    });

    it('refuses an expired token, and connects once the client sets a fresh one', async () => {
      const person = await signUp(server, 'Eli Expired');
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt({ ...claimsOf(person.token), iat: now - 1000, exp: now - 100 }, JWT_SECRET);
      // Signed with the server's secret and fresh, the same claims pass: only expiry refuses.
      const fresh = jwt({ ...claimsOf(person.token), iat: now, exp: now + 600 }, JWT_SECRET);

      const socket = socketTo(server, '/messaging', { token: expired });
      await assert.rejects(connected(socket), { message: REFUSED.expired });
      for (const namespace of ['/', '/notifications']) {
        assert.equal((await refusal(server, namespace, { token: expired })).message, REFUSED.expired);
      }
      // What REALTIME.md tells a client to do: set socket.auth and reconnect.
      socket.auth = { token: fresh };
      await connected(socket);
      assert.equal(socket.connected, true);
    });

    it('refuses the token of a session that was signed out', async () => {
      const person = await signUp(server, 'Lou Loggedout');
      const before = await connect(server, '/messaging', person);
      before.disconnect();
      await restOk(server, person.token, 'POST', '/api/auth/logout', { refreshToken: person.refreshToken });
      assert.equal((await rest(server, person.token, 'GET', '/api/auth/me')).status, 401, 'REST agrees');
      for (const namespace of ['/messaging', '/', '/projects', '/notifications']) {
        const error = await refusal(server, namespace, { token: person.token });
        assert.equal(error.message, REFUSED.invalid, namespace);
      }
    });
  });

  describe('messaging', () => {
    it('delivers messages live, numbered 1, 2, 3, and a client id sends only once', async () => {
      const { a, b, conversation, sa, sb } = await pair();
      const atB = record(sb, 'message:new');
      const atA = record(sa, 'message:new');

      // Over the socket: the acknowledgement has the stored message; B hears the same.
      const heard = nextEvent(sb, 'message:new');
      const ack = await requestOk(sa, 'message:send', { conversationId: conversation.id, body: 'Hello Ben' });
      assert.equal(ack.created, true);
      assert.equal(ack.message.seq, 1);
      assert.equal(ack.message.authorId, a.id);
      assert.equal(ack.message.conversationId, conversation.id);
      const first = await heard;
      assert.equal(first.id, ack.message.id);
      assert.equal(first.seq, ack.message.seq);
      assert.deepEqual(first, ack.message, 'one shape whichever way a message travels');

      // Over REST: B hears it live too, and so does the sender's own socket.
      const heardRest = nextEvent(sb, 'message:new', (m) => m.seq === 2);
      const viaRest = await sendOverRest(server, a, conversation.id, 'Sent over REST');
      assert.equal(viaRest.seq, 2);
      assert.deepEqual(await heardRest, viaRest);

      // B answers over the socket: 3.
      const heardAtA = nextEvent(sa, 'message:new', (m) => m.seq === 3);
      const answer = await send(sb, conversation.id, 'Hi Ada');
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
      const last = await send(sa, conversation.id, 'barrier');
      assert.equal(last.seq, 5, 'the resends took no number');
      await Promise.all(barriers);
      assert.deepEqual(
        atB.map((m) => m.seq),
        [1, 2, 3, 4, 5],
        'B heard each message once, in order',
      );
      assert.deepEqual(
        atA.map((m) => m.seq),
        [1, 2, 3, 4, 5],
      );
    });

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
      const message = await send(sa, conversation.id, 'between Ann and Bob');

      // Cat shares the organization, not the conversation: "not yours to know of".
      const refusedJoin = await request(sc, 'conversation:join', { conversationId: conversation.id });
      assert.equal(refusedJoin.error, 'not_found', JSON.stringify(refusedJoin));
      assert.equal(typeof refusedJoin.message, 'string');
      // A conversation that does not exist at all answers the same.
      const unknown = await request(sc, 'conversation:join', { conversationId: randomUUID() });
      assert.equal(unknown.error, 'not_found');
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
      assert.deepEqual(
        [...typingAtA, ...typingAtB].filter((t) => t.userId === c.id),
        [],
        "Cat's typing reached someone",
      );
      // Nothing of theirs reached Cat either (Cat's own barrier: an acknowledged request).
      await requestOk(sc, 'presence:query', { userIds: [] });
      assert.deepEqual(newAtC, []);

      // Boards: a project of another organization is not Cat's to watch, on either namespace.
      const {
        orgId: otherOrg,
        people: [stranger],
      } = await studio(server, ['Sol Stranger']);
      const hidden = await restOk(server, stranger.token, 'POST', '/api/projects', {
        organizationId: otherOrg,
        name: 'Hidden work',
      });
      for (const namespace of ['/', '/projects']) {
        const board = await connect(server, namespace, c);
        const refused = await request(board, 'project:join', { projectId: hidden.id });
        assert.equal(refused.error, 'not_found', `${namespace}: ${JSON.stringify(refused)}`);
      }
      // A project of Cat's own organization is (a member may look).
      const own = await restOk(server, a.token, 'POST', '/api/projects', { organizationId: orgId, name: 'Open work' });
      const board = await connect(server, '/', c);
      const joined = await requestOk(board, 'project:join', { projectId: own.id });
      assert.equal(joined.projectId, own.id);
      // And its channel conversation is Cat's to join and sync.
      const channel = await requestOk(sc, 'conversation:join', { conversationId: own.id });
      assert.deepEqual(channel, { conversationId: own.id, lastSeq: 0 });
    });

    it('stops delivering a group to a participant the moment they are removed', async () => {
      const {
        people: [owner, stays, removed],
      } = await studio(server, ['Gia Owner', 'Hal Stays', 'Ivo Removed']);
      const group = await groupConversation(server, owner, [stays, removed]);
      const so = await connect(server, '/messaging', owner);
      const ss = await connect(server, '/messaging', stays);
      const sr = await connect(server, '/messaging', removed);
      const atRemoved = record(sr, 'message:new');

      // While a participant, they hear the group.
      const before = [nextEvent(ss, 'message:new'), nextEvent(sr, 'message:new')];
      const first = await send(so, group.id, 'all three of us');
      for (const heard of await Promise.all(before)) assert.equal(heard.id, first.id);

      const updated = nextEvent(ss, 'conversation:updated', (u) => u.conversationId === group.id);
      const answer = await rest(server, owner.token, 'DELETE', `/api/conversations/${group.id}/participants/${removed.id}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(await updated, { conversationId: group.id, removed: removed.id });

      // The very next message: the one who stays hears it; the removed one does not.
      const heard = nextEvent(ss, 'message:new', (m) => m.body === 'just us two');
      const next = await send(so, group.id, 'just us two');
      assert.equal((await heard).id, next.id);
      // Barrier on the removed one's own connection: an acknowledgement sent after.
      await requestOk(sr, 'presence:query', { userIds: [] });
      assert.deepEqual(
        atRemoved.map((m) => m.body),
        ['all three of us'],
        'the removed participant received a message sent after their removal',
      );
      // Over REST as well, and nothing of the group can be asked for any more.
      const heardRest = nextEvent(ss, 'message:new', (m) => m.body === 'still just us');
      await sendOverRest(server, stays, group.id, 'still just us');
      await heardRest;
      await requestOk(sr, 'presence:query', { userIds: [] });
      assert.equal(atRemoved.length, 1);
      for (const [event, payload] of [
        ['conversation:join', { conversationId: group.id }],
        ['conversation:sync', { conversationId: group.id, afterSeq: 0 }],
        ['message:send', { conversationId: group.id, body: 'am I still here?' }],
      ]) {
        assert.equal((await request(sr, event, payload)).error, 'not_found', event);
      }
      // Added back, they join the room at once: the next message reaches them.
      const told = nextEvent(sr, 'conversation:updated', (u) => u.conversationId === group.id);
      await restOk(server, owner.token, 'POST', `/api/conversations/${group.id}/participants`, {
        userIds: [removed.id],
      });
      await told;
      const back = nextEvent(sr, 'message:new', (m) => m.body === 'welcome back');
      const welcome = await send(so, group.id, 'welcome back');
      assert.equal((await back).id, welcome.id);
      const readmitted = await requestOk(sr, 'conversation:sync', { conversationId: group.id, afterSeq: 0 });
      assert.equal(readmitted.lastSeq, welcome.seq);
      const removedAgain = nextEvent(ss, 'conversation:updated', (u) => u.removed === removed.id);
      await restOk(server, owner.token, 'DELETE', `/api/conversations/${group.id}/participants/${removed.id}`);
      await removedAgain;

      // Typing from the removed socket no longer reaches the group.
      const typingAtOwner = record(so, 'typing');
      sr.emit('typing:start', { conversationId: group.id });
      await requestOk(sr, 'presence:query', { userIds: [] });
      const barrier = nextEvent(so, 'typing', (t) => t.userId === stays.id);
      ss.emit('typing:start', { conversationId: group.id });
      await barrier;
      assert.deepEqual(
        typingAtOwner.filter((t) => t.userId === removed.id),
        [],
      );
    });

    it('relays typing to the others in the conversation', async () => {
      const { a, b, conversation, sa, sb } = await pair();
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
      assert.deepEqual(
        atA.map((t) => t.userId),
        [b.id],
      );
    });

    it('sends read receipts to the others and to the reader’s other tabs; unread counts agree', async () => {
      const { a, b, conversation, sa, sb } = await pair();
      const otherTab = await connect(server, '/messaging', b);
      const receiptsAtA = record(sa, 'conversation:read');
      for (const body of ['one', 'two', 'three']) await send(sa, conversation.id, body);
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
      await send(sa, conversation.id, 'four');
      assert.equal((await listedConversation(server, b, conversation.id)).unreadCount, 1);
      const four = nextEvent(sa, 'conversation:read', (r) => r.lastReadSeq === 4);
      await requestOk(sb, 'conversation:read', { conversationId: conversation.id, seq: 4 });
      await four;
      assert.deepEqual(
        receiptsAtA.map((r) => r.lastReadSeq),
        [2, 3, 4],
      );
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

    it('broadcasts reactions, edits and deletions; only the author edits or deletes', async () => {
      const { a, b, conversation, sa, sb } = await pair();
      const message = await send(sa, conversation.id, 'Draft one');

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
      assert.equal(both.reactions[0].count, 2);
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
      const viaRest = await send(sa, conversation.id, 'Second');
      updated = nextEvent(sb, 'message:updated', (m) => m.id === viaRest.id);
      await restOk(server, a.token, 'PATCH', `/api/messages/${viaRest.id}`, { body: 'Second, edited' });
      assert.equal((await updated).body, 'Second, edited');
      const gone = nextEvent(sb, 'message:deleted', (m) => m.id === viaRest.id);
      await restOk(server, a.token, 'DELETE', `/api/messages/${viaRest.id}`);
      assert.equal((await gone).deleted, true);
    });
  });

  describe('boards and the bell', () => {
    it('shows a board live: who is looking, tasks created and moved, the activity', async () => {
      const {
        orgId,
        people: [lead, watcher],
      } = await studio(server, ['Lea Lead', 'Wim Watcher']);
      const project = await restOk(server, lead.token, 'POST', '/api/projects', {
        organizationId: orgId,
        name: 'Live board',
      });
      const board = await connect(server, '/', watcher);
      const joined = await requestOk(board, 'project:join', { projectId: project.id });
      assert.deepEqual(joined, { projectId: project.id, viewers: [{ userId: watcher.id, name: watcher.name }] });

      // The lead looks too (on the same namespace): the watcher hears both named.
      const twoViewers = nextEvent(board, 'presence:update', (u) => u.viewers.length === 2);
      const leadBoard = await connect(server, '/', lead);
      const leadJoined = await requestOk(leadBoard, 'project:join', { projectId: project.id });
      assert.equal(leadJoined.viewers.length, 2);
      const viewers = await twoViewers;
      assert.equal(viewers.projectId, project.id);
      assert.deepEqual(
        new Set(viewers.viewers.map((v) => `${v.userId} ${v.name}`)),
        new Set([`${watcher.id} ${watcher.name}`, `${lead.id} ${lead.name}`]),
      );
      // A second tab of the same person is still one viewer.
      const sameAgain = nextEvent(board, 'presence:update');
      const leadTab2 = await connect(server, '/', lead);
      await requestOk(leadTab2, 'project:join', { projectId: project.id });
      assert.equal((await sameAgain).viewers.length, 2, 'one entry per person');

      // The lead adds a task over REST: task:created and activity:new reach the board.
      const created = nextEvent(board, 'task:created');
      const activity = nextEvent(board, 'activity:new', (c) => c.action === 'task.created');
      const task = await restOk(server, lead.token, 'POST', `/api/projects/${project.id}/tasks`, {
        title: 'Sketch the logo',
      });
      const change = await created;
      assert.equal(change.projectId, project.id);
      assert.equal(change.actorId, lead.id);
      assert.equal(change.action, 'task.created');
      assert.equal(change.entityType, 'task');
      assert.equal(change.entityId, task.id);
      assert.equal(change.entityTitle, 'Sketch the logo');
      assert.equal(typeof change.id, 'string');
      assert.deepEqual(await activity, change, 'activity:new carries the same Change');

      // …and moves it.
      const moved = nextEvent(board, 'task:moved', (c) => c.entityId === task.id);
      const movedActivity = nextEvent(board, 'activity:new', (c) => c.action === 'task.moved');
      await restOk(server, lead.token, 'POST', `/api/projects/${project.id}/tasks/${task.id}/move`, {
        status: 'in_progress',
        index: 0,
      });
      const move = await moved;
      assert.equal(move.action, 'task.moved');
      assert.equal(move.projectId, project.id);
      assert.equal((await movedActivity).id, move.id);

      // The lead's tabs leave one by one; the watcher hears who is still looking.
      const stillTwo = nextEvent(board, 'presence:update');
      await requestOk(leadTab2, 'project:leave', { projectId: project.id });
      assert.equal((await stillTwo).viewers.length, 2, 'the lead still looks from the first tab');
      const alone = nextEvent(board, 'presence:update');
      leadBoard.disconnect();
      assert.deepEqual(await alone, { projectId: project.id, viewers: [{ userId: watcher.id, name: watcher.name }] });

      // The watcher leaves: no more events for them.
      await requestOk(board, 'project:leave', { projectId: project.id });
      const afterLeaving = record(board, 'task:created');
      const probe = await connect(server, '/', lead);
      await requestOk(probe, 'project:join', { projectId: project.id });
      const barrier = nextEvent(probe, 'task:created');
      await restOk(server, lead.token, 'POST', `/api/projects/${project.id}/tasks`, { title: 'Unseen' });
      await barrier;
      await requestOk(board, 'project:leave', { projectId: project.id });
      assert.deepEqual(afterLeaving, []);
    });

    it('answers boards at /projects too, with one set of viewers and events to both', async () => {
      const {
        orgId,
        people: [lead, watcher],
      } = await studio(server, ['Pia Projects', 'Rui Root']);
      const project = await restOk(server, lead.token, 'POST', '/api/projects', {
        organizationId: orgId,
        name: 'Two namespaces',
      });
      const atRoot = await connect(server, '/', watcher);
      await requestOk(atRoot, 'project:join', { projectId: project.id });
      const atProjects = await connect(server, '/projects', lead);
      const joined = await requestOk(atProjects, 'project:join', { projectId: project.id });
      assert.equal(joined.viewers.length, 2, 'one set of viewers across both namespaces');

      // Task events reach both namespaces.
      const created = [nextEvent(atRoot, 'task:created'), nextEvent(atProjects, 'task:created')];
      const task = await restOk(server, lead.token, 'POST', `/api/projects/${project.id}/tasks`, { title: 'Both' });
      for (const change of await Promise.all(created)) assert.equal(change.entityId, task.id);
      const updated = [nextEvent(atRoot, 'task:updated'), nextEvent(atProjects, 'task:updated')];
      await restOk(server, lead.token, 'PATCH', `/api/projects/${project.id}/tasks/${task.id}`, { title: 'Both, renamed' });
      for (const change of await Promise.all(updated)) assert.equal(change.entityId, task.id);
    });

    it(
      'tells a viewer on / when someone starts or stops looking from /projects',
      { todo: 'server bug: presence:update is emitted only in the namespace of the socket that joined or left' },
      async () => {
        const {
          orgId,
          people: [lead, watcher],
        } = await studio(server, ['Pam Projects', 'Rex Root']);
        const project = await restOk(server, lead.token, 'POST', '/api/projects', {
          organizationId: orgId,
          name: 'Who is looking',
        });
        const atRoot = await connect(server, '/', watcher);
        await requestOk(atRoot, 'project:join', { projectId: project.id });
        const atProjects = await connect(server, '/projects', lead);
        // Short waits: with the bug each one times out, and the suite should not crawl.
        const two = nextEvent(atRoot, 'presence:update', (u) => u.viewers.length === 2, 3000);
        await requestOk(atProjects, 'project:join', { projectId: project.id });
        assert.equal((await two).projectId, project.id);
        const alone = nextEvent(atRoot, 'presence:update', (u) => u.viewers.length === 1, 3000);
        await requestOk(atProjects, 'project:leave', { projectId: project.id });
        assert.deepEqual((await alone).viewers, [{ userId: watcher.id, name: watcher.name }]);
      },
    );

    it('rings the bell: the count on connect, a mention live, the count after reading', async () => {
      const {
        people: [a, b],
      } = await studio(server, ['Mia Mentions', 'Noa Notified']);
      const conversation = await directConversation(server, a, b);
      const bell = socketTo(server, '/notifications', { token: b.token });
      const count = nextEvent(bell, 'notification:count');
      await connected(bell);
      const initialCount = (await count).unreadCount;
      assert.equal(typeof initialCount, 'number');

      const sa = await connect(server, '/messaging', a);
      const rang = nextEvent(bell, 'notification:new');
      const sent = await send(sa, conversation.id, 'Noa, have a look', { mentions: [b.id] });
      assert.deepEqual(sent.mentions, [b.id]);
      const { notification, unreadCount } = await rang;
      assert.equal(unreadCount, initialCount + 1);
      assert.equal(notification.kind, 'mentioned');
      assert.equal(notification.read, false);
      assert.equal(typeof notification.id, 'string');
      assert.equal(typeof notification.title, 'string');
      assert.match(notification.title, /Mia Mentions/);
      assert.ok('body' in notification && 'data' in notification && 'createdAt' in notification);
      const listed = await restOk(server, b.token, 'GET', '/api/notifications');
      assert.equal(listed.unreadCount, unreadCount);
      assert.ok(listed.items.some((item) => item.id === notification.id));

      // Mentioning someone not in the conversation is refused on its field.
      const outsider = (await studio(server, ['Oz Outsider'])).people[0];
      const refused = await request(sa, 'message:send', {
        conversationId: conversation.id,
        body: 'hey',
        mentions: [outsider.id],
      });
      assert.equal(refused.error, 'invalid');
      assert.equal(refused.field, 'mentions');

      // Another tab connecting hears the current count.
      const tab2 = socketTo(server, '/notifications', { token: b.token });
      const count2 = nextEvent(tab2, 'notification:count');
      await connected(tab2);
      assert.equal((await count2).unreadCount, unreadCount);

      // Reading it over REST: both tabs hear the new count.
      const lowered = [bell, tab2].map((s) => nextEvent(s, 'notification:count'));
      await restOk(server, b.token, 'POST', `/api/notifications/${notification.id}/read`);
      for (const update of await Promise.all(lowered)) assert.equal(update.unreadCount, unreadCount - 1);

      // A's bell heard none of it.
      const aBell = socketTo(server, '/notifications', { token: a.token });
      const aCount = nextEvent(aBell, 'notification:count');
      await connected(aBell);
      assert.equal((await aCount).unreadCount, 0);
    });
  });
});

describe('the per-person event budget', { timeout: 60_000 }, () => {
  const BURST = 5;
  const PER_SECOND = 1;
  let server;

  before(async () => {
    server = await startServer({
      env: {
        AUTH_RATE_LIMIT_MAX: '1000',
        SOCKET_EVENT_BURST: String(BURST),
        SOCKET_EVENTS_PER_SECOND: String(PER_SECOND),
      },
    });
  });

  afterEach(() => disconnectAll());

  after(async () => {
    disconnectAll();
    await server?.stop();
  });

  /**
   * Spends the person's budget from `socket` (BURST * 2 requests at once); answers the
   * acknowledgements, at least one of them a refusal. Each check below drains right before it,
   * so it runs within the second a token takes to come back (PER_SECOND = 1).
   */
  async function drain(socket) {
    const answers = await Promise.all(
      Array.from({ length: BURST * 2 }, () => request(socket, 'presence:query', { userIds: [] })),
    );
    const limited = answers.filter((answer) => answer.error === 'rate_limited');
    assert.equal(limited.length + answers.filter((a) => Array.isArray(a.online)).length, answers.length);
    assert.ok(limited.length >= 1, `past the budget, refused: ${JSON.stringify(answers)}`);
    return answers;
  }

  it('refuses requests past the budget with rate_limited and when to retry, and drops typing', async () => {
    const {
      orgId,
      people: [a, b],
    } = await studio(server, ['Ray Rapid', 'Sue Slow']);
    const conversation = await directConversation(server, a, b);
    const project = await restOk(server, a.token, 'POST', '/api/projects', { organizationId: orgId, name: 'Budget' });
    const sa = await connect(server, '/messaging', a);
    const secondTab = await connect(server, '/messaging', a);
    const board = await connect(server, '/', a);
    const sb = await connect(server, '/messaging', b);
    const typingAtB = record(sb, 'typing');

    // A full bucket grants the burst, then refuses with the envelope and when to retry.
    const first = await drain(sa);
    const granted = first.filter((answer) => Array.isArray(answer.online));
    assert.ok(granted.length >= BURST && granted.length <= BURST + 1, `the burst is granted: ${JSON.stringify(first)}`);
    for (const refusal of first.filter((answer) => answer.error)) {
      assert.deepEqual(Object.keys(refusal).sort(), ['error', 'message', 'retryAfterMs']);
      assert.equal(refusal.error, 'rate_limited');
      assert.equal(typeof refusal.message, 'string');
      assert.ok(
        Number.isInteger(refusal.retryAfterMs) && refusal.retryAfterMs > 0 && refusal.retryAfterMs <= 1000 / PER_SECOND + 1,
        `retryAfterMs: ${JSON.stringify(refusal)}`,
      );
    }
    // The budget is the person's, across their sockets and namespaces.
    await drain(sa);
    const sent = await request(secondTab, 'message:send', { conversationId: conversation.id, body: 'over budget' });
    assert.equal(sent.error, 'rate_limited', JSON.stringify(sent));
    assert.ok(sent.retryAfterMs > 0);
    await drain(sa);
    const boardRefusal = await request(board, 'project:join', { projectId: project.id });
    assert.equal(boardRefusal.error, 'rate_limited', JSON.stringify(boardRefusal));
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

  it(
    'tells a board join past the budget when to retry, like every other request',
    { todo: 'server bug: project:join answers rate_limited without retryAfterMs' },
    async () => {
      const {
        orgId,
        people: [a],
      } = await studio(server, ['Tom Boards']);
      const project = await restOk(server, a.token, 'POST', '/api/projects', { organizationId: orgId, name: 'Retry' });
      const board = await connect(server, '/', a);
      const answers = await Promise.all(
        Array.from({ length: BURST + 2 }, () => request(board, 'project:join', { projectId: project.id })),
      );
      const limited = answers.filter((answer) => answer.error === 'rate_limited');
      assert.ok(limited.length >= 1, JSON.stringify(answers));
      for (const refusal of limited) {
        assert.ok(Number.isInteger(refusal.retryAfterMs) && refusal.retryAfterMs > 0, `retryAfterMs: ${JSON.stringify(refusal)}`);
      }
    },
  );
});
