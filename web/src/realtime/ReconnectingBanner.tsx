import { useConnectionStates } from './realtimeContext';

/**
 * "Reconnecting…" while a socket that was connected is trying to come back; gone once it
 * is. The live region stays mounted so the message is announced when it appears.
 */
export function ReconnectingBanner() {
  const states = useConnectionStates();
  const reconnecting = Object.values(states).includes('reconnecting');
  return (
    <div className="realtime-banner" aria-live="polite">
      {reconnecting ? (
        <p className="realtime-banner__text" role="status">
          Reconnecting…
        </p>
      ) : null}
    </div>
  );
}
