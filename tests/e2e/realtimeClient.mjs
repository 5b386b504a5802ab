// Real-time tests' shared steps: people, an organization and conversations set up over REST
// (bearer tokens, as a native client would), and Socket.IO clients (the official
// `socket.io-client`) connected to a namespace with a person's token. Every wait has a
// deadline and names what it waited for; nothing sleeps for a guessed time.

import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { PASSWORD, uniqueEmail } from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';

export { PASSWORD, uniqueEmail };

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

// --- REST ------------------------------------------------------------------------------

/**
 * One request with `Authorization: Bearer` (exempt from CSRF). Answers status and body.
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function rest(server, token, method, path, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, server.baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

/** `rest`, insisting on a 2xx; the error names the request and the server's answer. */
export async function restOk(server, token, method, path, body) {
  const answer = await rest(server, token, method, path, body);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/**
 * @typedef {object} Person
 * @property {string} id
 * @property {string} name
 * @property {string} email
 * @property {string} token         the access token
 * @property {string} refreshToken
 */

/**
 * A new account, signed up over REST (a request without a bearer token carries a CSRF
 * token, which `ApiClient` fetches). @returns {Promise<Person>}
 */
export async function signUp(server, name) {
  const email = uniqueEmail(name.toLowerCase().replace(/[^a-z]+/g, '-'));
  const { status, body } = await new ApiClient(server.baseUrl).post('/api/auth/signup', {
    email,
    password: PASSWORD,
    name,
  });
  if (status !== 201) throw new Error(`POST /api/auth/signup answered ${status}: ${JSON.stringify(body)}`);
  return { id: body.user.id, name: body.user.name, email, token: body.accessToken, refreshToken: body.refreshToken };
}

/**
 * An organization owned by the first of `names`, the others members who joined by
 * accepting their invitation. @returns {Promise<{ orgId: string, people: Person[] }>}
 */
export async function studio(server, names) {
  const [ownerName, ...memberNames] = names;
  const owner = await signUp(server, ownerName);
  const org = await restOk(server, owner.token, 'POST', '/api/organizations', {
    name: `Studio ${randomUUID().slice(0, 8)}`,
  });
  const people = [owner];
  for (const name of memberNames) people.push(await join(server, owner, org.id, name));
  return { orgId: org.id, people };
}

/** Invites a new person to `orgId` as a member; they sign up and accept. @returns {Promise<Person>} */
export async function join(server, owner, orgId, name) {
  const person = await signUp(server, name);
  await restOk(server, owner.token, 'POST', `/api/organizations/${orgId}/invitations`, {
    email: person.email,
    role: 'member',
  });
  const mine = await restOk(server, person.token, 'GET', '/api/invitations/mine');
  const invitation = mine.items.find((item) => item.organizationId === orgId);
  if (!invitation) throw new Error(`${person.email} sees no invitation to ${orgId}: ${JSON.stringify(mine)}`);
  await restOk(server, person.token, 'POST', `/api/invitations/mine/${invitation.id}/accept`);
  return person;
}

/** A direct conversation between `a` and `b` (who share an organization). */
export async function directConversation(server, a, b) {
  return restOk(server, a.token, 'POST', '/api/conversations', { kind: 'direct', participantIds: [b.id] });
}

/** A group made by `owner` with `others`. */
export async function groupConversation(server, owner, others, name = `Group ${randomUUID().slice(0, 6)}`) {
  return restOk(server, owner.token, 'POST', '/api/conversations', {
    kind: 'group',
    name,
    participantIds: others.map((person) => person.id),
  });
}

/** Sends a message over REST. @returns {Promise<any>} the MessageView */
export function sendOverRest(server, person, conversationId, body, extra = {}) {
  return restOk(server, person.token, 'POST', `/api/conversations/${conversationId}/messages`, { body, ...extra });
}

/** The caller's view of one conversation in `GET /api/conversations`. */
export async function listedConversation(server, person, conversationId) {
  const list = await restOk(server, person.token, 'GET', '/api/conversations');
  const found = list.items.find((item) => item.id === conversationId);
  if (!found) throw new Error(`${conversationId} is not in ${person.name}'s conversations`);
  return found;
}

// --- Socket.IO -------------------------------------------------------------------------

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
 * Connects `socket` (made by `socketTo`); resolves once connected and ready, rejects with the
 * connect_error.
 *
 * Ready: the server answers requests. It sends `connect` before its connection handler has
 * run (socketioxide spawns it; on /messaging it first lists the person's conversations), and
 * a request arriving in between is dropped unanswered (see "answers a request sent the moment
 * a socket connects" in realtime.test.mjs). So every test but that one waits for an answer to
 * a harmless request that costs no event budget (leaving a room of a random id). On
 * /notifications there is nothing to ask: wait for `notification:count` instead.
 */
export async function connected(socket) {
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no connect or connect_error on ${socket.nsp} within ${WAIT_MS} ms`));
    }, WAIT_MS);
    const onConnect = () => {
      cleanup();
      resolve();
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
  const probe = READINESS_PROBES[socket.nsp];
  if (probe) {
    const [event, field] = probe;
    await eventually(`${socket.nsp} to answer requests`, async () => {
      try {
        return await socket.timeout(PROBE_MS).emitWithAck(event, { [field]: randomUUID() });
      } catch {
        return undefined;
      }
    }, 0);
  }
  return socket;
}

const PROBE_MS = 250;
/** Per namespace, a request that changes nothing, answered once the connection handler ran. */
const READINESS_PROBES = {
  '/messaging': ['conversation:leave', 'conversationId'],
  '/': ['project:leave', 'projectId'],
  '/projects': ['project:leave', 'projectId'],
};

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

/** Closes every socket the helpers opened (call in afterEach/after). */
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
 * (conversation:sync), as a reconnecting client does. @returns {Promise<any[]>} MessageViews
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
    messages.push(...page.messages);
    if (page.messages.length > 0) from = page.messages.at(-1).seq;
    if (!page.hasMore) return messages;
    if (page.messages.length === 0) throw new Error('conversation:sync said hasMore with an empty page');
  }
}
