import { useEffect } from 'react';
import { useConnectionState } from '../realtime/realtimeContext';
import { request } from '../realtime/request';
import { getSocket } from '../realtime/socketManager';
import { presenceAnswered } from './presenceStore';

/** presence:query takes at most this many people. */
const PRESENCE_QUERY_MAX = 500;

/** Asks who of `userIds` is online, again whenever the set changes or the socket reconnects. */
export function usePresenceQuery(userIds: readonly string[]): void {
  const key = [...new Set(userIds)].sort().join(',');
  const state = useConnectionState('/messaging');
  useEffect(() => {
    if (state !== 'connected' || !key) return;
    const asked = key.split(',').slice(0, PRESENCE_QUERY_MAX);
    request<{ online: string[] }>(getSocket('/messaging'), 'presence:query', { userIds: asked })
      .then((answer) => presenceAnswered(asked, answer.online))
      .catch(() => {
        // Unknown presence shows as such; the next change asks again.
      });
  }, [key, state]);
}
