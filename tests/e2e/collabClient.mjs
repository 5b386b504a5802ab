// The collaboration suites' clients: the official `y-websocket` provider (with `ws` as its
// WebSocket, and no BroadcastChannel, so two providers in this process can only meet through
// the server), a raw `ws` socket for close codes, and the REST set-up of a project with its
// documents. Every wait has a deadline and names what it waited for; nothing sleeps for a
// guessed time.
//
// A provider's frames are also read here, beside the provider's own handling: a sync step 1
// from the server after a writer's updates is its state vector, which says what is stored
// (the web app's "Saved"); `stored(client)` waits for one that covers the client's changes.

import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { serverSuite } from './harness.mjs';
import { GENEROUS_LIMITS } from './realtimeClient.mjs';
import { project, rest, restOk, studio } from './realtimeStudio.mjs';

/** How long any single wait (a sync, a close, some text) may take. */
export const WAIT_MS = 10_000;

/** The limits of `socketSuite`, and documents unloaded a second after the last one leaves. */
export const COLLAB_ENV = { ...GENEROUS_LIMITS, COLLAB_IDLE_UNLOAD_SECONDS: '1' };

/** y-protocols message types and sync steps. */
const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;

/** One server for a file's tests (see `serverSuite`), every client closed after each test. */
export function collabSuite(env = COLLAB_ENV) {
  return serverSuite(env, closeAll);
}

/** `ws://host:port/collab` of `server`. */
export function collabUrl(server) {
  const url = new URL('/collab', server.baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

const open = new Set();

/** Destroys every provider and document and drops every raw socket the helpers made. */
export function closeAll() {
  for (const close of open) close();
  open.clear();
}

/**
 * @typedef {object} Client
 * @property {Y.Doc} doc
 * @property {WebsocketProvider} provider
 * @property {Array<{code: number, reason: string} | null>} closes  every connection-close
 *   (null when the client closed it itself)
 * @property {WebSocket[]} sockets     every WebSocket the provider opened, in order
 * @property {Uint8Array[]} savedStates the state vectors the server sent (sync step 1), newest last
 * @property {number} step2s           sync step 2 frames received
 * @property {() => void} destroy
 */

/**
 * A provider for `documentId` with `token` (omit for none), not connected yet so listeners
 * can go on first; `connect(client)` connects it and waits for the sync.
 * @param {object} [options]  `awareness`: a local awareness state to publish; anything else
 *   goes to the WebsocketProvider
 * @returns {Client}
 */
export function collabClient(server, documentId, token, { awareness, ...options } = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabUrl(server), documentId, doc, {
    params: token === undefined ? {} : { token },
    WebSocketPolyfill: WebSocket,
    // Without this, two providers of one process sync through a BroadcastChannel, no server needed.
    disableBc: true,
    connect: false,
    ...options,
  });
  if (awareness !== undefined) provider.awareness.setLocalState(awareness);
  const client = { doc, provider, closes: [], sockets: [], savedStates: [], step2s: 0 };
  provider.on('connection-close', (event) => {
    client.closes.push(event ? { code: event.code, reason: String(event.reason) } : null);
  });
  provider.on('status', () => {
    const socket = provider.ws;
    if (!socket || client.sockets.includes(socket)) return;
    client.sockets.push(socket);
    socket.addEventListener('message', (event) => read(client, new Uint8Array(event.data)));
  });
  let destroyed = false;
  client.destroy = () => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
    doc.destroy();
    open.delete(client.destroy);
  };
  open.add(client.destroy);
  return client;
}

/** The document a client is for and its Yjs client id, without the token. */
function where(client) {
  return `${client.provider.serverUrl}/${client.provider.roomname} (client ${client.doc.clientID})`;
}

/** Notes the sync frames the server sends `client`. */
function read(client, bytes) {
  const reader = { bytes, at: 0 };
  if (readVarUint(reader) !== MESSAGE_SYNC) return;
  const step = readVarUint(reader);
  if (step === SYNC_STEP1) client.savedStates.push(readVarBytes(reader));
  else if (step === SYNC_STEP2) client.step2s += 1;
}

/** Connects `client` and resolves once it has synced; rejects with the close code if refused. */
export function connect(client) {
  client.provider.connect();
  return synced(client);
}

/** A connected, synced client of `documentId` as `person`. */
export function openClient(server, documentId, person, options) {
  return connect(collabClient(server, documentId, person?.token, options));
}

/** Resolves with `client` once its provider has synced (now or later). */
export function synced(client) {
  const { provider } = client;
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve(client);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${where(client)} did not sync within ${WAIT_MS} ms; closes: ${JSON.stringify(client.closes)}`));
    }, WAIT_MS);
    const onSync = (state) => {
      if (!state) return;
      cleanup();
      resolve(client);
    };
    const onClosed = (event) => {
      cleanup();
      reject(new Error(`${where(client)} was closed with ${event.code} (${event.reason}) before it synced`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
    };
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
  });
}

/** The `{code, reason}` of the close the server ends `client`'s connection with for good (4400-4499). */
export function finalClose(client) {
  return within(
    new Promise((resolve) => client.provider.once('closed', (event) => resolve({ code: event.code, reason: String(event.reason) }))),
    `${where(client)} to be closed for good`,
  );
}

/** `promise`, or a failure naming `what` if it has not settled within `timeoutMs`. */
export function within(promise, what, timeoutMs = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`
 * with `what` and, if given, `describe()` of the last state.
 */
export async function until(what, probe, { timeoutMs = WAIT_MS, describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const last = describe ? `; last: ${JSON.stringify(await describe())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until `read()` (which may be async) equals `expected` (deep), and answers it. */
export function untilEqual(what, read, expected, options) {
  let last;
  return until(
    what,
    async () => {
      last = await read();
      return isDeepEqual(last, expected) ? last : undefined;
    },
    { describe: () => last, ...options },
  );
}

function isDeepEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** Waits until the text `Y.Text` named `name` of `client` equals `expected`. */
export function untilText(client, expected, name = 't') {
  return untilEqual(`the text "${name}" to be ${JSON.stringify(expected)}`, () => client.doc.getText(name).toString(), expected);
}

/** Waits until the editor's paragraphs (`paragraphs(doc)`) of `client` equal `expected`. */
export function untilParagraphs(client, expected) {
  return untilEqual(`the paragraphs to be ${JSON.stringify(expected)}`, () => paragraphs(client.doc), expected);
}

/**
 * Waits until the server has said (a sync step 1 with its state vector) that it stores
 * everything `client` has written so far.
 */
export function stored(client) {
  const mine = Y.decodeStateVector(Y.encodeStateVector(client.doc));
  return until(
    `the server to say it stores the changes of ${where(client)} ${JSON.stringify([...mine])}`,
    () => (client.savedStates.some((saved) => covers(Y.decodeStateVector(saved), mine)) ? true : undefined),
  );
}

/** Whether state vector `big` (a Map of client id → clock) has everything `small` has. */
export function covers(big, small) {
  for (const [clientId, clock] of small) if ((big.get(clientId) ?? 0) < clock) return false;
  return true;
}

/**
 * Waits until the server has read everything `client` sent before this call: sends a sync
 * step 1 and waits for the sync step 2 that answers it (the server reads a connection's
 * frames in order; what it does with the ones read together is done before it reads more).
 */
export async function roundTrip(client) {
  const before = client.step2s;
  const socket = client.provider.ws;
  assert.ok(socket && socket.readyState === WebSocket.OPEN, `${where(client)} is connected`);
  socket.send(concat([varUint(MESSAGE_SYNC), varUint(SYNC_STEP1), varBytes(Y.encodeStateVector(client.doc))]));
  await until(`the server to answer a sync step 1 from ${where(client)}`, () => (client.step2s > before ? true : undefined));
}

/** Drops `client`'s connection without a word (no awareness removal, no close frame), for good. */
export async function dropConnection(client) {
  const socket = client.provider.ws;
  assert.ok(socket, 'the client is connected');
  client.provider.shouldConnect = false;
  const closed = new Promise((resolve) => client.provider.once('connection-close', resolve));
  socket.terminate();
  await within(closed, 'the dropped connection to close');
}

/** The ids of the awareness states `client` sees that match `filter`. */
export function awarenessOf(client, filter = () => true) {
  return [...client.provider.awareness.getStates()].filter(([, state]) => filter(state)).map(([id]) => id);
}

// --- The editor's content: the XmlFragment "default" of paragraphs ------------------------

/** The editor's fragment, as TipTap (y-prosemirror) keeps it. */
export function fragment(doc) {
  return doc.getXmlFragment('default');
}

/** Appends paragraphs holding `texts`, in one transaction. */
export function addParagraphs(doc, ...texts) {
  doc.transact(() => {
    const elements = texts.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    });
    fragment(doc).insert(fragment(doc).length, elements);
  });
}

/** The text of each paragraph (each top-level element) of the editor's fragment. */
export function paragraphs(doc) {
  return fragment(doc)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
            .join('')
        : node.toString(),
    );
}

/** The XmlText of the `index`th paragraph. */
export function paragraphText(doc, index) {
  const paragraph = fragment(doc).get(index);
  assert.ok(paragraph instanceof Y.XmlElement, `paragraph ${index} exists`);
  const text = paragraph.get(0);
  assert.ok(text instanceof Y.XmlText, `paragraph ${index} holds text`);
  return text;
}

// --- Raw sockets ---------------------------------------------------------------------------

/**
 * Opens a raw WebSocket to `/collab/{documentId}` (with `?token=` unless `token` is undefined),
 * sends `frames` once open, and resolves when the server closes it: the close code and
 * reason, and every frame it sent first.
 * @returns {Promise<{code: number, reason: string, frames: Uint8Array[]}>}
 */
export function closeOf(server, documentId, token, frames = []) {
  const url = new URL(`${collabUrl(server)}/${documentId}`);
  if (token !== undefined) url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  const received = [];
  const drop = () => socket.terminate();
  open.add(drop);
  const closed = new Promise((resolve, reject) => {
    socket.on('open', () => {
      for (const frame of frames) socket.send(frame);
    });
    socket.on('message', (data) => received.push(new Uint8Array(data)));
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString(), frames: received }));
    socket.on('error', reject);
  });
  return within(closed, `the server to close ${url.pathname}`).finally(() => {
    open.delete(drop);
    drop();
  });
}

// --- y-protocols' variable-length numbers: to read the server's sync frames, write a step 1 ---

function varUint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Uint8Array.from(out);
}

function varBytes(bytes) {
  return concat([varUint(bytes.length), bytes]);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function readVarUint(reader) {
  let n = 0;
  let shift = 1;
  for (;;) {
    const byte = reader.bytes[reader.at++];
    if (byte === undefined) return -1;
    n += (byte & 0x7f) * shift;
    if (byte < 0x80) return n;
    shift *= 128;
  }
}

function readVarBytes(reader) {
  const length = readVarUint(reader);
  const bytes = reader.bytes.subarray(reader.at, reader.at + length);
  reader.at += length;
  return bytes;
}

// --- REST set-up ---------------------------------------------------------------------------

/**
 * An organization whose owner leads a new project, with a member for each of `roles`
 * (`{ Name: 'editor' | 'viewer' | 'reviewer' }`) given that project role.
 * @returns {Promise<{ orgId: string, projectId: string, lead: import('./realtimeStudio.mjs').Person, people: Record<string, import('./realtimeStudio.mjs').Person> }>}
 */
export async function projectWith(server, leadName, roles = {}) {
  const names = Object.keys(roles);
  const {
    orgId,
    people: [lead, ...members],
  } = await studio(server, [leadName, ...names]);
  const { id: projectId } = await project(server, lead, orgId);
  const people = {};
  for (const [i, name] of names.entries()) {
    await restOk(server, lead.token, 'PUT', `/api/projects/${projectId}/members/${members[i].id}`, { role: roles[name] });
    people[name] = members[i];
  }
  return { orgId, projectId, lead, people };
}

/** A new document of `projectId`, made by `person` over REST. @returns {Promise<string>} its id */
export async function newDocument(server, person, projectId, title = 'Notes') {
  const answer = await rest(server, person.token, 'POST', `/api/projects/${projectId}/documents`, { title });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

/** The server's rendering of a document's stored content (`text`, `markdown` or `html`). */
export async function exported(server, person, documentId, format = 'text') {
  const response = await fetch(new URL(`/api/documents/${documentId}/export?format=${format}`, server.baseUrl), {
    headers: { authorization: `Bearer ${person.token}` },
  });
  const body = await response.text();
  assert.equal(response.status, 200, `export of ${documentId}: ${body}`);
  return body;
}

/** `GET /collab/health`. */
export async function collabHealth(server) {
  const response = await fetch(new URL('/collab/health', server.baseUrl));
  assert.equal(response.status, 200);
  return response.json();
}
