import { createContext, useContext } from 'react';
import { getAuthState, type AuthState } from './sessionStore';

export const AuthContext = createContext<AuthState>(getAuthState());

/** The current session: `loading` until the start-up refresh has answered. */
export function useAuth(): AuthState {
  return useContext(AuthContext);
}
