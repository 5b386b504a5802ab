// Real-time tests' Socket.IO side: the suite frame (one server per file), and clients (the
// official `socket.io-client`) connected to a namespace with a person's token. Every wait
// has a deadline and names what it waited for; nothing sleeps for a guessed time. The REST
// set-up (people, organizations, conversations) is in `realtimeStudio.mjs`.

import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { serverSuite } from './harness.mjs';

/** Where the server answers Socket.IO, and the alias a proxy that strips `/api` forwards. */
export const SOCKET_PATH = '/api/socket.io';
export const ALIAS_PATH = '/socket.io';

/** How long any single wait (an event, an acknowledgement, a connection) may take. */
export const WAIT_MS = 10_000;

/** Limits high enough that a test's own REST calls and socket events never hit them. */
export const GENEROUS_LIMITS = {
  AUTH_RATE_LIMIT_MAX: '10000',
  RATE_LIMIT_MAX_REQUESTS: '1000000',
  SOCKET_EVENTS_PER_SECOND: '100000',
  SOCKET_EVENT_BURST: '100000',
};

/** One server for a file's tests (see `serverSuite`), every socket closed after each test. */
export function socketSuite(env = GENEROUS_LIMITS) {
  return serverSuite(env, disconnectAll);
}

const open = new Set();

/**
 * A socket to `namespace` that has not connected yet (`autoConnect: false`), so listeners
 * can go on first. A fresh manager every time (`forceNew`): one client per socket, as
 * separate devices would be. No automatic reconnection: a test reconnects on purpose.
 * @param {object} options  `token` (sent as auth.token; omit for none), `auth` (overrides),
 *   `path` (default /api/socket.io), `transports`, and any other socket.io-client option
 */
export function socketTo(server, namespace, { token, auth, path = SOCKET_PATH, ...options } = {}) {
  const socket = io(new URL(namespace, server.baseUrl).href, {
    path,
    auth: auth ?? (token === undefined ? {} : { token }),
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    timeout: WAIT_MS,
    ...options,
  });
  open.add(socket);
  return socket;
}

/**
 * Connects `socket` (made by `socketTo`); resolves once the client hears `connect`, rejects
 * with the connect_error. Nothing more to wait for: the server joins the socket's rooms
 * and sets its handlers before it says the socket is connected (REALTIME.md), which
 * "answers requests sent the moment a socket connects" in realtimeTransport.test.mjs checks.
 */
export function connected(socket) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no connect or connect_error on ${socket.nsp} within ${WAIT_MS} ms`));
    }, WAIT_MS);
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}

/** A connected socket to `namespace` as `person`. */
export function connect(server, namespace, person, options = {}) {
  return connected(socketTo(server, namespace, { token: person?.token, ...options }));
}

/** The connect_error of a handshake the server must refuse; fails if it connects. */
export async function refusal(server, namespace, options) {
  const socket = socketTo(server, namespace, options);
  try {
    await connected(socket);
  } catch (error) {
    return error;
  } finally {
    socket.disconnect();
  }
  throw new Error(`the handshake to ${namespace} was accepted`);
}

/** Closes every socket the helpers opened (the suite does it after each test). */
export function disconnectAll() {
  for (const socket of open) socket.disconnect();
  open.clear();
}

/** Emits a request and resolves with its acknowledgement (a result or an error envelope). */
export async function request(socket, event, payload) {
  try {
    return await socket.timeout(WAIT_MS).emitWithAck(event, payload);
  } catch (error) {
    throw new Error(`no acknowledgement of ${event} on ${socket.nsp} within ${WAIT_MS} ms`, { cause: error });
  }
}

/** `request`, insisting on a result rather than an error envelope. */
export async function requestOk(socket, event, payload) {
  const ack = await request(socket, event, payload);
  if (ack && typeof ack === 'object' && typeof ack.error === 'string') {
    throw new Error(`${event} was refused: ${JSON.stringify(ack)}`);
  }
  return ack;
}

/** Sends over `socket` and checks the acknowledgement; answers the MessageView. */
export async function sendMessage(socket, conversationId, body, extra = {}) {
  const ack = await requestOk(socket, 'message:send', { conversationId, body, ...extra });
  assert.equal(ack.created, true, `a new message: ${JSON.stringify(ack)}`);
  assert.equal(ack.message.body, body);
  return ack.message;
}

/**
 * The next `event` on `socket` whose payload passes `filter`. Call it before the action that
 * causes the event (the listener is on at once), then await it.
 */
export function nextEvent(socket, event, filter = () => true, timeoutMs = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} on ${socket.nsp} within ${timeoutMs} ms matching ${filter}`));
    }, timeoutMs);
    const listener = (payload) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** `promise`, or a failure naming `what` if it has not settled within `timeoutMs`. */
export function within(promise, what, timeoutMs = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every `event` the socket receives from now on, in arrival order. */
export function record(socket, event) {
  const seen = [];
  socket.on(event, (payload) => seen.push(payload));
  return seen;
}

/** Every event the socket receives from now on, as `[name, payload]` in arrival order. */
export function recordAll(socket) {
  const seen = [];
  socket.onAny((name, payload) => seen.push([name, payload]));
  return seen;
}

/** The reason the server or client gives when `socket` next disconnects. */
export function disconnection(socket, timeoutMs = WAIT_MS) {
  return within(
    new Promise((resolve) => socket.once('disconnect', resolve)),
    `${socket.nsp} to disconnect`,
    timeoutMs,
  );
}

/** Polls `probe` until it returns something other than undefined (or fails after WAIT_MS). */
export async function eventually(what, probe, intervalMs = 25) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Everything in `conversationId` after `afterSeq`, asked for page by page while `hasMore`
 * (conversation:sync), as a reconnecting client does. Every page is checked against the
 * catalogue: ascending, after `afterSeq`, and `lastSeq` at least the page's newest.
 * @returns {Promise<any[]>} MessageViews
 */
export async function syncAll(socket, conversationId, afterSeq, limit) {
  const messages = [];
  let from = afterSeq;
  for (let pages = 0; ; pages += 1) {
    if (pages > 10_000) throw new Error('conversation:sync never said hasMore: false');
    const page = await requestOk(socket, 'conversation:sync', {
      conversationId,
      afterSeq: from,
      ...(limit === undefined ? {} : { limit }),
    });
    assertPage(page, from);
    messages.push(...page.messages);
    if (page.messages.length > 0) from = page.messages.at(-1).seq;
    if (!page.hasMore) return messages;
    if (page.messages.length === 0) throw new Error('conversation:sync said hasMore with an empty page');
  }
}

/** A conversation:sync page asked from `afterSeq` is ascending, after it, and its lastSeq covers it. */
export function assertPage(page, afterSeq) {
  const seqs = page.messages.map((m) => m.seq);
  seqs.forEach((seq, i) => assert.ok(seq > (i === 0 ? afterSeq : seqs[i - 1]), `page ascending after ${afterSeq}: ${seqs}`));
  const newest = seqs.at(-1) ?? 0;
  assert.ok(page.lastSeq >= newest, `lastSeq ${page.lastSeq} is below the page's newest seq ${newest}`);
}
