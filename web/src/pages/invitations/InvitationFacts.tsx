import type { InvitationPreviewView } from '../../api/schema';
import { ROLE_LABELS } from '../../organizations/roles';
import { formatDateTime } from '../account/formatDateTime';

/** What the link invites to: organization, role, who sent it, for which address, until when. */
export function InvitationFacts({ preview }: { preview: InvitationPreviewView }) {
  return (
    <dl className="facts">
      <dt>Organization</dt>
      <dd>{preview.organizationName}</dd>
      <dt>Role</dt>
      <dd>{ROLE_LABELS[preview.role]}</dd>
      <dt>Invited by</dt>
      <dd>{preview.inviterName ?? 'Someone who has since left'}</dd>
      <dt>For</dt>
      <dd>{preview.email}</dd>
      {preview.status === 'pending' ? (
        <>
          <dt>Valid until</dt>
          <dd>{formatDateTime(preview.expiresAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}
