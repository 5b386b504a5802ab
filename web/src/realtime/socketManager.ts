import { io, type Socket } from 'socket.io-client';
import { endSession, isRefusal, refreshAccessToken } from '../auth/refresh';
import { getAccessToken } from '../auth/sessionStore';
import { setConnectionState, type Namespace, NAMESPACES } from './connectionState';
import { cancelSessionEnd, endSessionSoon } from './sessionEnd';

/**
 * One Socket.IO socket per namespace (/messaging, / for boards, /notifications), sharing
 * one connection. The handshake reads the access token through a callback, so every
 * reconnect presents the current token. A refused handshake is answered here (see
 * answerRefusal): an expired token is refreshed through the app's one shared refresh and
 * the socket connects again. A socket the server disconnects (an ended session) is answered
 * by answerServerDisconnect. See docs/REALTIME.md.
 */

export const SOCKET_PATH = '/api/socket.io';

/** Waits between attempts after a refusal the token cannot fix at once, doubling to the cap. */
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 30_000;

interface Entry {
  namespace: Namespace;
  socket: Socket;
  /** Signed in: the socket should be connected. */
  wanted: boolean;
  /** Connected at least once since it was last started: a drop then reads "Reconnecting…". */
  wasConnected: boolean;
  /** Refusals in a row, for the back-off. */
  refusals: number;
  /** The token the last handshake carried. */
  handshakeToken: string | null;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
}

const entries = new Map<Namespace, Entry>();

export function getSocket(namespace: Namespace): Socket {
  let entry = entries.get(namespace);
  if (!entry) {
    entry = createEntry(namespace);
    entries.set(namespace, entry);
  }
  return entry.socket;
}

/** Connects every namespace (on sign-in, or when the app starts signed in). */
export function startRealtime(): void {
  for (const namespace of NAMESPACES) {
    getSocket(namespace);
    const entry = entries.get(namespace);
    if (!entry) continue;
    entry.wanted = true;
    entry.refusals = 0;
    if (!entry.socket.connected && !entry.socket.active) {
      setConnectionState(namespace, 'connecting');
      entry.socket.connect();
    }
  }
}

/** Disconnects every namespace (on sign-out); nothing reconnects until started again. */
export function stopRealtime(): void {
  cancelSessionEnd();
  for (const entry of entries.values()) {
    entry.wanted = false;
    entry.wasConnected = false;
    clearTimeout(entry.retryTimer);
    entry.retryTimer = undefined;
    entry.socket.disconnect();
    setConnectionState(entry.namespace, 'off');
  }
}

function createEntry(namespace: Namespace): Entry {
  const entry: Entry = {
    namespace,
    wanted: false,
    wasConnected: false,
    refusals: 0,
    handshakeToken: null,
    retryTimer: undefined,
    socket: undefined as unknown as Socket,
  };
  entry.socket = io(`${window.location.origin}${namespace}`, {
    path: SOCKET_PATH,
    autoConnect: false,
    // WebSocket first: one connection, so behind a balancer without sticky sessions it
    // stays on one instance (long-polling is many requests). Long-polling where a proxy
    // blocks WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // Read on every (re)connect, so a refreshed token is what the server sees.
    auth: (send) => {
      entry.handshakeToken = getAccessToken();
      send({ token: entry.handshakeToken ?? '' });
    },
  });
  const { socket } = entry;

  socket.on('connect', () => {
    entry.wasConnected = true;
    entry.refusals = 0;
    setConnectionState(namespace, 'connected');
  });

  socket.on('disconnect', (reason) => {
    if (!entry.wanted || reason === 'io client disconnect') {
      setConnectionState(namespace, 'off');
      return;
    }
    setConnectionState(namespace, entry.wasConnected ? 'reconnecting' : 'connecting');
    // The server closed this socket, which it does when the session ends. Socket.IO does
    // not come back on its own then.
    if (reason === 'io server disconnect') void answerServerDisconnect(entry);
  });

  socket.on('connect_error', (error: Error) => {
    if (!entry.wanted) return;
    setConnectionState(namespace, entry.wasConnected ? 'reconnecting' : 'connecting');
    // Active: the transport failed and the manager retries by itself. Otherwise the server
    // refused the handshake, which only a new attempt (perhaps with a new token) answers.
    if (!socket.active) void answerRefusal(entry, error.message);
  });

  return entry;
}

/**
 * The server refused the handshake. An expired (or missing) token is refreshed and the
 * socket connects again at once; a refused refresh ends the session, as it does for REST.
 * Anything else waits and tries again, longer each time: an invalid token (an ended session,
 * a disabled account) is left to the next API request, which ends the session the usual
 * way, and a later attempt picks up any new token meanwhile.
 */
async function answerRefusal(entry: Entry, message: string): Promise<void> {
  entry.refusals += 1;
  if (!/^(Token expired|Authentication required)/.test(message)) {
    scheduleConnect(entry, backoff(entry.refusals));
    return;
  }
  // Someone refreshed since this handshake went out: the new token may already do.
  if (getAccessToken() === entry.handshakeToken) {
    try {
      await refreshAccessToken();
    } catch (error) {
      if (isRefusal(error)) {
        // The session is over; signing out stops every socket.
        endSession('expired');
        return;
      }
      scheduleConnect(entry, backoff(entry.refusals));
      return;
    }
  }
  scheduleConnect(entry, entry.refusals > 1 ? backoff(entry.refusals - 1) : 0);
}

/**
 * The server disconnected the socket: its session has ended (signed out, revoked from
 * another device, password changed, account disabled). One refresh settles it, shared by
 * the namespaces the server closed together: accepted, the socket connects again with the
 * new token; refused, the session is over and the tab signs out as it does for REST (see
 * endSessionSoon). A refresh that gets no answer (offline, the server restarting) is tried
 * again later, longer each time.
 */
async function answerServerDisconnect(entry: Entry): Promise<void> {
  try {
    await refreshAccessToken();
  } catch (error) {
    if (!entry.wanted) return;
    if (isRefusal(error)) {
      endSessionSoon();
      return;
    }
    entry.refusals += 1;
    clearTimeout(entry.retryTimer);
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = undefined;
      if (entry.wanted && !entry.socket.connected && !entry.socket.active) void answerServerDisconnect(entry);
    }, backoff(entry.refusals));
    return;
  }
  scheduleConnect(entry, 0);
}

function backoff(attempt: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

function scheduleConnect(entry: Entry, delayMs: number): void {
  clearTimeout(entry.retryTimer);
  entry.retryTimer = setTimeout(() => {
    entry.retryTimer = undefined;
    if (entry.wanted && !entry.socket.connected && !entry.socket.active) entry.socket.connect();
  }, delayMs);
}
