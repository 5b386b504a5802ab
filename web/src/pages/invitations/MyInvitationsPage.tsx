import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { acceptMyInvitation, fetchMyInvitations } from '../../api/invitations';
import type { MyInvitation } from '../../api/schema';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeading } from '../../components/PageHeading';

/**
 * The invitations sent to the signed-in person's address, joinable from the app: where an
 * "invited" notification leads (the emailed link works too).
 */
export function MyInvitationsPage() {
  const invitations = useQuery({ queryKey: ['invitations', 'mine'], queryFn: fetchMyInvitations });
  return (
    <>
      <PageHeading title="Invitations" />
      <ErrorBanner error={invitations.error} />
      {invitations.data?.length === 0 && <EmptyState title="No invitations are waiting for you." />}
      <ul aria-label="Your invitations" className="plain-list">
        {invitations.data?.map((invitation) => (
          <MyInvitationItem key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </>
  );
}

function MyInvitationItem({ invitation }: { invitation: MyInvitation }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () => acceptMyInvitation(invitation.id),
    onSuccess: async ({ organizationId }) => {
      await queryClient.invalidateQueries();
      navigate(`/organizations/${encodeURIComponent(organizationId)}`);
    },
  });
  return (
    <li>
      <p>
        <strong>{invitation.organizationName}</strong> invites you as <em>{invitation.role}</em>
        {invitation.inviterName ? ` (from ${invitation.inviterName})` : ''}.
      </p>
      <ErrorBanner error={join.error} />
      <button className="button button--primary" type="button" onClick={() => join.mutate()} disabled={join.isPending}>
        Join {invitation.organizationName}
      </button>
    </li>
  );
}
