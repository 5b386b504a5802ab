import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useAuth } from '../auth/authContext';
import { getConnectionStates, subscribeConnectionStates } from './connectionState';
import { RealtimeContext } from './realtimeContext';
import { startRealtime, stopRealtime } from './socketManager';

/**
 * Keeps the sockets connected while someone is signed in (a new person means new
 * sockets) and puts their connection states into React.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { status, user } = useAuth();
  const userId = status === 'authenticated' ? user?.id : undefined;
  const states = useSyncExternalStore(subscribeConnectionStates, getConnectionStates);

  useEffect(() => {
    if (!userId) return;
    startRealtime();
    return () => stopRealtime();
  }, [userId]);

  return <RealtimeContext value={states}>{children}</RealtimeContext>;
}
