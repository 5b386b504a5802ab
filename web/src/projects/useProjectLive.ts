import { useQueryClient, type InvalidateQueryFilters } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fileKeys } from '../files/queryKeys';
import { request } from '../realtime/request';
import { getSocket } from '../realtime/socketManager';
import { BOARD_EVENTS, FILE_EVENTS, REVIEW_EVENTS, staleAfter } from './liveKeys';
import { projectKeys } from './queryKeys';

export interface Viewer {
  userId: string;
  name: string;
}

interface Change {
  projectId: string;
  /** What changed (a task, a file…), when the event names it. */
  entityId?: string | null;
}

interface ViewersEvent {
  projectId: string;
  /** Orders the lists: a later change has a greater version. */
  version: number;
  viewers: Viewer[];
}

/** Changes that come together (a task's event and its activity) are read once. */
const REFRESH_DELAY_MS = 100;

/**
 * Watches a project live while its page is open: joins its room (project:join, again after
 * every reconnect, when what was missed is read again), reads again what each change makes
 * stale, and answers who else is looking (presence:update). Leaves on unmount.
 */
export function useProjectLive(projectId: string): Viewer[] {
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);

  useEffect(() => {
    const socket = getSocket('/');
    let stale: InvalidateQueryFilters[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let joinedBefore = false;
    // Lists come from whichever instance saw the change and may arrive out of order: the
    // newest version wins.
    let newest = 0;
    const hear = (event: ViewersEvent) => {
      if (event.projectId !== projectId || event.version < newest) return;
      newest = event.version;
      setViewers(event.viewers);
    };

    const refresh = () => {
      timer = undefined;
      const filters = stale;
      stale = [];
      for (const filter of filters) void queryClient.invalidateQueries(filter);
    };
    const changed = (event: string) => (change: Change) => {
      if (change.projectId !== projectId) return;
      stale.push(...staleAfter(event, projectId, change.entityId));
      timer ??= setTimeout(refresh, REFRESH_DELAY_MS);
    };
    const join = () => {
      // Back after a drop: whatever changed meanwhile was not heard.
      if (joinedBefore) {
        void queryClient.invalidateQueries({ queryKey: projectKeys.one(projectId) });
        void queryClient.invalidateQueries({ queryKey: fileKeys.all });
      }
      joinedBefore = true;
      request<ViewersEvent>(socket, 'project:join', { projectId })
        .then(hear)
        .catch(() => setViewers([]));
    };

    const handlers = [...BOARD_EVENTS, ...FILE_EVENTS, ...REVIEW_EVENTS].map((event) => [event, changed(event)] as const);
    for (const [event, handler] of handlers) socket.on(event, handler);
    socket.on('presence:update', hear);
    socket.on('connect', join);
    if (socket.connected) join();

    return () => {
      clearTimeout(timer);
      for (const [event, handler] of handlers) socket.off(event, handler);
      socket.off('presence:update', hear);
      socket.off('connect', join);
      if (socket.connected) socket.emit('project:leave', { projectId });
    };
  }, [projectId, queryClient]);

  return viewers;
}
