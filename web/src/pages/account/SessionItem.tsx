import type { SessionView } from '../../api/schema';
import { formatDateTime } from './formatDateTime';

interface SessionItemProps {
  session: SessionView;
  onRevoke: () => void;
  revoking: boolean;
}

/** One signed-in device. The current one cannot be revoked here: "Sign out" does that. */
export function SessionItem({ session, onRevoke, revoking }: SessionItemProps) {
  const lastSeen = session.lastUsedAt ?? session.createdAt;
  return (
    <li className="session-list__item">
      <div className="session-list__text">
        <p className="session-list__device">
          {session.deviceName}
          {session.isCurrent ? <span className="badge">This device</span> : null}
        </p>
        <p className="session-list__meta">
          {[session.ipAddress, `last active ${formatDateTime(lastSeen)}`, `signed in ${formatDateTime(session.createdAt)}`]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
      {session.isCurrent ? null : (
        <button className="button button--secondary" type="button" onClick={onRevoke} disabled={revoking}>
          Revoke
        </button>
      )}
    </li>
  );
}
