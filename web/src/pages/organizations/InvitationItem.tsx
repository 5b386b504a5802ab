import type { InvitationView } from '../../api/schema';
import { ROLE_LABELS, STATUS_LABELS } from '../../organizations/roles';
import { formatDateTime } from '../account/formatDateTime';

interface InvitationItemProps {
  invitation: InvitationView;
  busy: boolean;
  onResend: () => void;
  onRevoke: () => void;
}

function when(invitation: InvitationView): string {
  if (invitation.status === 'accepted' && invitation.acceptedAt) return `accepted ${formatDateTime(invitation.acceptedAt)}`;
  if (invitation.status === 'pending') return `expires ${formatDateTime(invitation.expiresAt)}`;
  if (invitation.status === 'expired') return `expired ${formatDateTime(invitation.expiresAt)}`;
  return `sent ${formatDateTime(invitation.createdAt)}`;
}

/** One invitation: to whom, as what, where it stands; resend and revoke while it is pending. */
export function InvitationItem({ invitation, busy, onResend, onRevoke }: InvitationItemProps) {
  const pending = invitation.status === 'pending';
  return (
    <li className="item-list__item">
      <div className="item-list__text">
        <p className="item-list__title">{invitation.email}</p>
        <p className="item-list__meta">
          {ROLE_LABELS[invitation.role]} · {when(invitation)}
        </p>
      </div>
      <span className={`status-tag status-tag--${invitation.status}`}>{STATUS_LABELS[invitation.status]}</span>
      {pending ? (
        <div className="item-list__actions">
          <button className="button button--secondary button--small" type="button" onClick={onResend} disabled={busy}>
            Resend
          </button>
          <button className="button button--danger button--small" type="button" onClick={onRevoke} disabled={busy}>
            Revoke
          </button>
        </div>
      ) : null}
    </li>
  );
}
