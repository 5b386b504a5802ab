import { useMutation, useQueryClient } from '@tanstack/react-query';
import { resendInvitation, revokeInvitation } from '../../api/invitations';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Notice } from '../../components/Notice';
import { useOrganizationOutlet } from '../../organizations/organizationContext';
import { useInvitations } from '../../organizations/queries';
import { organizationKeys } from '../../organizations/queryKeys';
import { InvitationItem } from './InvitationItem';
import { InviteForm } from './InviteForm';

/** Invite by email and role; every invitation with where it stands, resend and revoke the pending ones. */
export function InvitationsTab() {
  const organization = useOrganizationOutlet();
  // Listing, resending and revoking invitations need the right to invite a member.
  const allowed = organization.can.inviteRoles.includes('member');
  const queryClient = useQueryClient();
  const invitations = useInvitations(organization.id, allowed);
  const refresh = () => queryClient.invalidateQueries({ queryKey: organizationKeys.invitations(organization.id) });
  const resend = useMutation({ mutationFn: (id: string) => resendInvitation(organization.id, id), onSuccess: refresh });
  const revoke = useMutation({ mutationFn: (id: string) => revokeInvitation(organization.id, id), onSuccess: refresh });

  if (!allowed) {
    return <Notice>Only the owner and admins invite people and see the invitations.</Notice>;
  }

  return (
    <>
      <section className="panel" aria-labelledby="invite-title">
        <h3 className="panel__title" id="invite-title">
          Invite someone
        </h3>
        <InviteForm organizationId={organization.id} roles={organization.can.inviteRoles} />
      </section>
      <section className="panel" aria-labelledby="invitations-title">
        <h3 className="panel__title" id="invitations-title">
          Invitations
        </h3>
        {resend.isSuccess ? <Notice tone="success">A new link was sent to {resend.data.email}.</Notice> : null}
        {revoke.isSuccess ? <Notice tone="success">{revoke.data.message}</Notice> : null}
        <ErrorBanner error={invitations.error ?? resend.error ?? revoke.error} />
        {invitations.isPending ? <p aria-busy="true">Loading invitations…</p> : null}
        {invitations.data?.length === 0 ? <p className="panel__intro">Nobody has been invited yet.</p> : null}
        {invitations.data?.length ? (
          <ul className="item-list" aria-label="Invitations">
            {invitations.data.map((invitation) => (
              <InvitationItem
                key={invitation.id}
                invitation={invitation}
                busy={
                  (resend.isPending && resend.variables === invitation.id) ||
                  (revoke.isPending && revoke.variables === invitation.id)
                }
                onResend={() => {
                  revoke.reset();
                  resend.mutate(invitation.id);
                }}
                onRevoke={() => {
                  resend.reset();
                  revoke.mutate(invitation.id);
                }}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
