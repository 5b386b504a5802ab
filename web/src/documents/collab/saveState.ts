import * as decoding from 'lib0/decoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * Whether this page's edits are stored, told honestly. The server stores every update in
 * the database before relaying it and then (at most every ~250 ms) sends the sender a sync
 * step 1: its state vector, which holds how much of each client's work it has. So this
 * page's changes are saved when the server's clock for our client id has reached our own.
 */
export type SaveState = 'connecting' | 'offline' | 'saving' | 'saved';

export const SAVE_STATE_LABELS: Record<SaveState, string> = {
  connecting: 'Connecting…',
  offline: 'Offline — changes kept',
  saving: 'Saving…',
  saved: 'Saved',
};

/** y-protocols/sync's message types inside a sync message (messageYjsSyncStep1). */
const SYNC_STEP_1 = 0;

/**
 * Follows `provider` and calls `onChange` whenever the save state changes. Peeks at the
 * sync messages the server sends by wrapping the provider's sync handler, always handing
 * the message on untouched. Answers a function that undoes all of it.
 */
export function watchSaveState(provider: WebsocketProvider, onChange: (state: SaveState) => void): () => void {
  const doc = provider.doc;
  /** The server's sync step 2 (its content) arrived once: before that there is nothing to show. */
  let synced = provider.synced;
  let connected = provider.wsconnected;
  /** How much of this client's work the server said it has stored. */
  let storedClock = 0;
  let last: SaveState | undefined;

  const current = (): SaveState => {
    if (!synced) return 'connecting';
    // Edits go on in memory and are sent when the connection is back (sync step 2).
    if (!connected) return 'offline';
    return Y.getState(doc.store, doc.clientID) > storedClock ? 'saving' : 'saved';
  };
  const publish = () => {
    const next = current();
    if (next !== last) {
      last = next;
      onChange(next);
    }
  };

  const handleSync = provider.messageHandlers[messageSync];
  if (!handleSync) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[messageSync] = (encoder, decoder, from, emitSynced, messageType) => {
    // Read a copy: the original handler must see the message from where it starts.
    const clock = storedClockIn(decoding.clone(decoder), doc.clientID);
    handleSync(encoder, decoder, from, emitSynced, messageType);
    if (clock !== undefined) {
      storedClock = clock;
      publish();
    }
  };

  const onStatus = ({ status }: { status: string }) => {
    connected = status === 'connected';
    publish();
  };
  const onSync = (isSynced: boolean) => {
    if (isSynced) synced = true;
    publish();
  };
  // Any change to the document may put this client ahead of what the server has stored.
  const onUpdate = () => publish();
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  doc.on('update', onUpdate);
  publish();

  return () => {
    provider.messageHandlers[messageSync] = handleSync;
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    doc.off('update', onUpdate);
  };
}

/** Our client's clock in a sync step 1 (the server's state vector); undefined for other sync messages. */
function storedClockIn(decoder: decoding.Decoder, clientId: number): number | undefined {
  try {
    if (decoding.readVarUint(decoder) !== SYNC_STEP_1) return undefined;
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(clientId) ?? 0;
  } catch {
    // Not ours to judge: the original handler meets the same bytes and reports them.
    return undefined;
  }
}
