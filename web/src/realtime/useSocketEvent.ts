import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Namespace } from './connectionState';
import { getSocket } from './socketManager';

/**
 * Listens to one event of a namespace while the component is mounted. The latest
 * `handler` is called, so it may close over fresh state without re-subscribing.
 * `connect` works too: it fires on every (re)connection.
 */
export function useSocketEvent<T>(namespace: Namespace, event: string, handler: (payload: T) => void): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const socket = getSocket(namespace);
    const listener = (payload: T) => latest.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [namespace, event]);
}
