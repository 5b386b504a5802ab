// Socket.IO transports, against docs/REALTIME.md: the official `socket.io-client` talks to
// the real server over WebSocket, long-polling and the upgrade between them, at
// /api/socket.io and at the /socket.io alias (one set of rooms and presence); the Engine.IO
// open packet carries the seed's settings; and a socket is ready when the client hears
// `connect`: its rooms are joined and its handlers set, so a request or a typing event sent
// at once is answered or relayed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALIAS_PATH,
  SOCKET_PATH,
  WAIT_MS,
  connect,
  connected,
  eventually,
  nextEvent,
  record,
  requestOk,
  sendMessage,
  socketSuite,
  socketTo,
  within,
} from './realtimeClient.mjs';
import { directConversation, pair, project, sendOverRest, studio } from './realtimeStudio.mjs';

/** Sockets per namespace and way of opening them that ask for something the moment they connect. */
const AT_ONCE = 20;

describe('Socket.IO transports and paths', { timeout: 120_000 }, () => {
  const server = socketSuite();

  it('talks over WebSocket only', async () => {
    const { conversation, sa, sb } = await pair(server, {
      a: { transports: ['websocket'] },
      b: { transports: ['websocket'] },
    });
    assert.equal(sa.io.engine.transport.name, 'websocket');
    const received = nextEvent(sb, 'message:new');
    const sent = await sendMessage(sa, conversation.id, 'over a websocket');
    assert.equal((await received).id, sent.id);
    assert.equal(sb.io.engine.transport.name, 'websocket');
  });

  it('talks over HTTP long-polling only, and stays on it', async () => {
    const { conversation, sa, sb } = await pair(server, { a: { transports: ['polling'] } });
    const upgrades = [];
    sa.io.engine.on('upgrade', (transport) => upgrades.push(transport.name));
    assert.equal(sa.io.engine.transport.name, 'polling');

    // A polling client sends, the other hears it, and the sender's own socket too.
    const toOther = nextEvent(sb, 'message:new');
    const toSelf = nextEvent(sa, 'message:new');
    const sent = await sendMessage(sa, conversation.id, 'over long-polling');
    assert.equal((await toOther).id, sent.id);
    assert.equal((await toSelf).id, sent.id);
    // And hears the other's reply.
    const reply = nextEvent(sa, 'message:new', (m) => m.body === 'polling hears back');
    await sendMessage(sb, conversation.id, 'polling hears back');
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
    const sent = await sendMessage(socket, conversation.id, 'after the upgrade');
    assert.equal((await received).id, sent.id);
  });

  it('answers at the /socket.io alias, sharing rooms and presence with /api/socket.io', async () => {
    const {
      people: [a, b],
    } = await studio(server, ['Ali Alias', 'Bea Main']);
    const conversation = await directConversation(server, a, b);
    const viaAlias = await connect(server, '/messaging', a, { path: ALIAS_PATH });
    // B coming online is announced to A across the paths: B is counted before A asks below.
    const bOnline = nextEvent(viaAlias, 'presence', (p) => p.userId === b.id && p.online);
    const viaMain = await connect(server, '/messaging', b, { path: SOCKET_PATH });
    await bOnline;
    for (const [from, to, body] of [
      [viaAlias, viaMain, 'from the alias'],
      [viaMain, viaAlias, 'to the alias'],
    ]) {
      const received = nextEvent(to, 'message:new', (m) => m.body === body);
      const sent = await sendMessage(from, conversation.id, body);
      assert.equal((await received).id, sent.id);
    }
    const polling = await connect(server, '/messaging', a, { path: ALIAS_PATH, transports: ['polling'] });
    assert.equal(polling.io.engine.transport.name, 'polling');
    const online = await requestOk(polling, 'presence:query', { userIds: [a.id, b.id] });
    assert.deepEqual(new Set(online.online), new Set([a.id, b.id]), 'one presence across both paths');
  });

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

  it(`answers requests sent the moment a socket connects (${AT_ONCE} one after another and ${AT_ONCE} at once, per namespace)`, async () => {
    const {
      orgId,
      people: [a, b],
    } = await studio(server, ['Quin Quick', 'Rae Peer']);
    const conversation = await directConversation(server, a, b);
    const first = await sendOverRest(server, b, conversation.id, 'already there');
    const board = await project(server, a, orgId, 'Watched at once');
    const peer = await connect(server, '/messaging', b);
    const typed = record(peer, 'typing');

    /**
     * A socket of A that asks `event` the moment it connects: buffered before `connect` (the
     * client sends it as soon as it hears `connect`), or from the `connect` listener, after a
     * typing event that is relayed only if the socket is already in the conversation's room.
     * Answers the acknowledgement, or what went unanswered.
     */
    const askAtOnce = (namespace, event, payload, i, options) => {
      const socket = socketTo(server, namespace, { token: a.token, ...options });
      const ask = () => socket.timeout(WAIT_MS).emitWithAck(event, payload);
      const answer =
        i % 2 === 0
          ? ask()
          : new Promise((resolve) => {
              socket.once('connect', () => {
                if (namespace === '/messaging') socket.emit('typing:start', { conversationId: conversation.id });
                resolve(ask());
              });
            });
      socket.connect();
      return within(answer, `${namespace} ${event} from socket ${i}`, WAIT_MS + 1000).then(
        (ack) => ack,
        (error) => ({ unanswered: String(error) }),
      );
    };

    // What REALTIME.md asks of a client after a reconnect: sync at once; and watch a board.
    const cases = [
      ['/messaging', 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 }],
      ['/', 'project:join', { projectId: board.id }],
      ['/projects', 'project:join', { projectId: board.id }],
    ];
    for (const [namespace, event, payload] of cases) {
      // One after another over WebSocket (the quickest round trip), then all at once.
      const answers = [];
      for (let i = 0; i < AT_ONCE; i += 1) {
        answers.push(await askAtOnce(namespace, event, payload, i, { transports: ['websocket'] }));
      }
      answers.push(...(await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => askAtOnce(namespace, event, payload, i)))));
      const unanswered = answers.filter((ack) => ack.unanswered || ack.error);
      assert.deepEqual(unanswered, [], `${namespace} ${event}: ${unanswered.length} of ${answers.length} not answered`);
      for (const ack of answers) {
        if (namespace === '/messaging') assert.deepEqual(ack.messages.map((m) => m.id), [first.id]);
        else assert.equal(ack.projectId, board.id);
      }
    }
    // Each socket that typed the moment it connected was already in the conversation's room.
    await eventually(`${AT_ONCE} typing events relayed`, () =>
      typed.filter((t) => t.userId === a.id).length >= AT_ONCE ? true : undefined,
    );
  });
});
