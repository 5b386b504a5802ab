import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { endSession, isRefusal, refreshAccessToken } from '../../auth/refresh';
import { getAccessToken } from '../../auth/sessionStore';
import { CLOSE_UNAUTHORIZED, problemForClose, type CollabProblem } from './closeCodes';
import { collabServerUrl } from './collabUrl';
import { watchSaveState, type SaveState } from './saveState';

/** The shared document and its connection, alive while the document's page is open. */
export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export interface CollabState {
  /** Null until the connection is set up (one render). */
  session: CollabSession | null;
  save: SaveState;
  /** Live editing stopped for good; null while it goes on (or reconnects by itself). */
  problem: CollabProblem | null;
}

/** After a refresh that got no answer (offline, the server restarting), try again this much later. */
const RETRY_AFTER_NO_ANSWER_MS = 5_000;

/**
 * Opens document `documentId` for live editing: a Y.Doc kept in step with the server over
 * y-websocket, closed again when the page goes. The access token travels in the URL (a
 * browser WebSocket cannot send headers) and is read afresh on every (re)connect. A refused
 * token (4401) is refreshed once through the app's shared refresh, as the Socket.IO manager
 * does; a refused refresh ends the session, which sends the page to sign in. Other final
 * closes become `problem`.
 */
export function useCollabSession(documentId: string): CollabState {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [save, setSave] = useState<SaveState>('connecting');
  const [problem, setProblem] = useState<CollabProblem | null>(null);

  useEffect(() => {
    let disposed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    /** The token the last connection attempt carried. */
    let sentToken: string | null = null;
    /** A refreshed token was already tried since the last good sync: a second refusal is final. */
    let refreshedSinceSync = false;

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabServerUrl(), documentId, doc, {
      // Read by y-websocket whenever it builds the URL, i.e. on every (re)connect.
      params: {
        get token() {
          sentToken = getAccessToken();
          return sentToken ?? '';
        },
      },
      // Edits go through the server, which stores them first; tabs do not talk behind its back.
      disableBc: true,
    });
    const stopWatching = watchSaveState(provider, setSave);

    const reconnect = () => {
      if (!disposed) provider.connect();
    };

    async function answerUnauthorized() {
      if (refreshedSinceSync) {
        setProblem('unauthorized');
        return;
      }
      // Someone refreshed since this connection went out: the new token may already do.
      if (!getAccessToken() || getAccessToken() === sentToken) {
        try {
          await refreshAccessToken();
        } catch (error) {
          if (disposed) return;
          if (isRefusal(error)) {
            // The session is over: signing out sends the page to /login?next=… (RequireAuth).
            endSession('expired');
            return;
          }
          retryTimer = setTimeout(reconnect, RETRY_AFTER_NO_ANSWER_MS);
          return;
        }
      }
      refreshedSinceSync = true;
      reconnect();
    }

    // y-websocket stops reconnecting after any 44xx close and says so here.
    provider.on('closed', ({ code }) => {
      if (disposed) return;
      if (code === CLOSE_UNAUTHORIZED) void answerUnauthorized();
      else setProblem(problemForClose(code));
    });
    provider.on('sync', (synced) => {
      if (synced) refreshedSinceSync = false;
    });

    // eslint-disable-next-line react-hooks/set-state-in-effect -- the session is made here (the cleanup destroys it); publishing it is the point
    setSession({ doc, provider });
    setProblem(null);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      stopWatching();
      // Tells the others this caret is gone, then closes the socket.
      provider.destroy();
      doc.destroy();
      setSession(null);
      setSave('connecting');
    };
  }, [documentId]);

  return { session, save, problem };
}
