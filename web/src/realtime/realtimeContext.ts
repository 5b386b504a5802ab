import { createContext, useContext } from 'react';
import { getConnectionStates, type ConnectionState, type ConnectionStates, type Namespace } from './connectionState';

export const RealtimeContext = createContext<ConnectionStates>(getConnectionStates());

/** Every namespace's connection state. */
export function useConnectionStates(): ConnectionStates {
  return useContext(RealtimeContext);
}

/** One namespace's connection state. */
export function useConnectionState(namespace: Namespace): ConnectionState {
  return useContext(RealtimeContext)[namespace];
}
