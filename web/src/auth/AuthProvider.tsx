import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { AuthContext } from './authContext';
import { resumeSession } from './session';
import { getAuthState, subscribe } from './sessionStore';

/**
 * Puts the in-memory session into React, resumes it from the refresh cookie on start,
 * and drops the signed-in user's cached data when the session ends.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(subscribe, getAuthState);
  const queryClient = useQueryClient();

  useEffect(() => {
    void resumeSession();
  }, []);

  useEffect(() => {
    if (state.status === 'anonymous') queryClient.removeQueries({ queryKey: ['account'] });
  }, [state.status, queryClient]);

  return <AuthContext value={state}>{children}</AuthContext>;
}
