import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SAVE_STATE_LABELS, watchSaveState, type SaveState } from './saveState';

// y-protocols/sync's message types, as the server sends them inside a sync message.
const STEP_1 = 0;
const STEP_2 = 1;
const UPDATE = 2;

/** Node 20 has no WebSocket, and the provider must never open one here. */
class NoSocket {
  constructor() {
    throw new Error('the test plays the server: no socket');
  }
}

/** A real provider that never opens a socket: the test plays the server. */
function openProvider() {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'doc-1', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: NoSocket as unknown as typeof WebSocket,
  });
  opened.push(provider);
  return { doc, provider };
}
const opened: WebsocketProvider[] = [];
afterEach(() => {
  for (const provider of opened.splice(0)) {
    provider.destroy();
    provider.doc.destroy();
  }
});

/** A sync message from the server as the provider's handler gets it (its type already read). */
function syncMessage(type: number, payload: Uint8Array): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return decoding.createDecoder(encoding.toUint8Array(encoder));
}
/** What the server has stored, as it announces it (sync step 1: its state vector). */
const step1 = (server: Y.Doc) => syncMessage(STEP_1, Y.encodeStateVector(server));
/** The server's content (sync step 2), answering the client's step 1. */
const step2 = (server: Y.Doc) => syncMessage(STEP_2, Y.encodeStateAsUpdate(server));

/** Hands a message to the provider's sync handler; answers what the provider replies. */
function deliver(provider: WebsocketProvider, message: decoding.Decoder): Uint8Array {
  const handler = provider.messageHandlers[messageSync];
  if (!handler) throw new Error('no sync handler');
  const reply = encoding.createEncoder();
  handler(reply, message, provider, true, messageSync);
  return encoding.toUint8Array(reply);
}

/** The server stores the sync step 2 the provider sent in reply to its step 1. */
function storeReply(server: Y.Doc, reply: Uint8Array) {
  const decoder = decoding.createDecoder(reply);
  expect(decoding.readVarUint(decoder)).toBe(messageSync);
  expect(decoding.readVarUint(decoder)).toBe(STEP_2);
  Y.applyUpdate(server, decoding.readVarUint8Array(decoder));
}

function setStatus(provider: WebsocketProvider, status: 'connected' | 'disconnected') {
  provider.wsconnected = status === 'connected';
  provider.emit('status', [{ status }]);
}

/** Watches a provider, connected and synced with an empty server. */
function watchSynced() {
  const { doc, provider } = openProvider();
  const states: SaveState[] = [];
  watchSaveState(provider, (state) => states.push(state));
  setStatus(provider, 'connected');
  deliver(provider, step2(new Y.Doc()));
  return { doc, provider, states };
}

describe('watchSaveState', () => {
  it('goes Connecting, Saved, Saving, Saved as the server syncs and then stores an edit', () => {
    const { doc, provider } = openProvider();
    const server = new Y.Doc();
    server.getText('body').insert(0, 'Hello');
    const states: SaveState[] = [];
    watchSaveState(provider, (state) => states.push(state));
    expect(states).toEqual(['connecting']);

    setStatus(provider, 'connected');
    expect(states).toEqual(['connecting']);

    // The server's content: the handler still gets the whole message and applies it.
    deliver(provider, step2(server));
    expect(doc.getText('body').toString()).toBe('Hello');
    expect(provider.synced).toBe(true);
    expect(states).toEqual(['connecting', 'saved']);

    doc.getText('body').insert(5, ' world');
    expect(states).toEqual(['connecting', 'saved', 'saving']);

    // The server has not stored the edit yet: its state vector lacks this client.
    const reply = deliver(provider, step1(server));
    expect(states).toEqual(['connecting', 'saved', 'saving']);
    // The provider answered that step 1 with the edit: the message reached it unread.
    storeReply(server, reply);
    expect(server.getText('body').toString()).toBe('Hello world');

    deliver(provider, step1(server));
    expect(states).toEqual(['connecting', 'saved', 'saving', 'saved']);
  });

  it('stays Saving while the server has stored only part of this client’s edits', () => {
    const { doc, provider, states } = watchSynced();
    const server = new Y.Doc();
    doc.getText('body').insert(0, 'a');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    doc.getText('body').insert(1, 'b');

    deliver(provider, step1(server));
    expect(states).toEqual(['connecting', 'saved', 'saving']);

    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    deliver(provider, step1(server));
    expect(states).toEqual(['connecting', 'saved', 'saving', 'saved']);
  });

  it('ignores other sync messages when judging what is stored', () => {
    const { doc, provider, states } = watchSynced();
    doc.getText('body').insert(0, 'mine');
    const other = new Y.Doc();
    other.getText('body').insert(0, 'theirs ');

    deliver(provider, syncMessage(UPDATE, Y.encodeStateAsUpdate(other)));
    expect(doc.getText('body').toString()).toContain('theirs');
    expect(states).toEqual(['connecting', 'saved', 'saving']);
  });

  it('is Offline while disconnected, edits kept, and Saving then Saved once back', () => {
    const { doc, provider, states } = watchSynced();
    setStatus(provider, 'disconnected');
    // y-websocket forgets it was synced when the socket closes; the content is still here.
    provider.synced = false;
    doc.getText('body').insert(0, 'typed offline');
    expect(states).toEqual(['connecting', 'saved', 'offline']);

    setStatus(provider, 'connected');
    expect(states).toEqual(['connecting', 'saved', 'offline', 'saving']);

    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    deliver(provider, step1(server));
    expect(states).toEqual(['connecting', 'saved', 'offline', 'saving', 'saved']);
  });

  it('starts from the provider’s current state', () => {
    const synced = openProvider().provider;
    synced.wsconnected = true;
    synced.synced = true;
    const states: SaveState[] = [];
    watchSaveState(synced, (state) => states.push(state));
    expect(states).toEqual(['saved']);

    const offline = openProvider().provider;
    offline.synced = true;
    const offlineStates: SaveState[] = [];
    watchSaveState(offline, (state) => offlineStates.push(state));
    expect(offlineStates).toEqual(['offline']);
  });

  it('undoes everything it set up', () => {
    const { doc, provider } = openProvider();
    provider.wsconnected = true;
    provider.synced = true;
    const original = provider.messageHandlers[messageSync];
    const states: SaveState[] = [];
    const stop = watchSaveState(provider, (state) => states.push(state));
    expect(provider.messageHandlers[messageSync]).not.toBe(original);
    expect(states).toEqual(['saved']);

    stop();
    expect(provider.messageHandlers[messageSync]).toBe(original);
    // Each of these would change the state if anything still listened.
    doc.getText('body').insert(0, 'x');
    setStatus(provider, 'disconnected');
    provider.synced = false;
    setStatus(provider, 'connected');
    deliver(provider, step1(new Y.Doc()));
    expect(states).toEqual(['saved']);
  });

  it('refuses a provider without a sync handler', () => {
    const { provider } = openProvider();
    provider.messageHandlers = [];
    expect(() => watchSaveState(provider, () => {})).toThrow('y-websocket has no sync message handler');
  });
});

describe('SAVE_STATE_LABELS', () => {
  it('names every state', () => {
    expect(SAVE_STATE_LABELS).toEqual({
      connecting: 'Connecting…',
      offline: 'Offline — changes kept',
      saving: 'Saving…',
      saved: 'Saved',
    });
  });
});
