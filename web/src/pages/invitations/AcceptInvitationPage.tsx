import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { previewInvitation } from '../../api/invitations';
import type { AuthResponse } from '../../api/schema';
import { useAuth } from '../../auth/authContext';
import { beginSession } from '../../auth/session';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Notice } from '../../components/Notice';
import { setCurrentOrganizationId } from '../../organizations/currentOrganization';
import { invitationPreviewKey, organizationKeys } from '../../organizations/queryKeys';
import { InvitationFacts } from './InvitationFacts';
import { InvitedSignupForm } from './InvitedSignupForm';
import { JoinInvitation } from './JoinInvitation';
import { unusableInvitationMessage } from './invitationNotice';
import { WrongAccount } from './WrongAccount';

/**
 * /invitations/accept?token=… (from the invitation email), signed in or not: what the link
 * invites to, then the way in that fits who is looking: join, create the invited account,
 * sign in, or sign out of the wrong one.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status, user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opening, setOpening] = useState(false);
  const preview = useQuery({
    queryKey: invitationPreviewKey(token),
    queryFn: () => previewInvitation(token),
    enabled: token !== '',
    // The link's state changes elsewhere (accepted, revoked): always ask on arrival.
    staleTime: 0,
  });

  function openOrganization(organizationId: string) {
    setOpening(true);
    setCurrentOrganizationId(organizationId);
    queryClient.removeQueries({ queryKey: invitationPreviewKey(token) });
    void queryClient.invalidateQueries({ queryKey: organizationKeys.all });
    navigate(`/organizations/${organizationId}`, { replace: true });
  }

  function signedUp(response: AuthResponse, organizationId: string) {
    beginSession(response);
    openOrganization(organizationId);
  }

  if (!token) {
    return (
      <AuthCard title="Invitation">
        <Notice tone="warning">This link is incomplete. Open the link from the invitation email again.</Notice>
      </AuthCard>
    );
  }
  if (preview.isPending || status === 'loading' || opening) {
    return <p aria-busy="true">Opening the invitation…</p>;
  }
  // Where to go from a link that cannot be used: the organizations, or signing in.
  const onwards = user ? (
    <p>
      <Link to="/organizations">Your organizations</Link>
    </p>
  ) : (
    <p>
      <Link to="/login">Sign in</Link>
    </p>
  );
  if (preview.isError) {
    const gone = preview.error instanceof ApiError && (preview.error.status === 410 || preview.error.status === 404);
    return (
      <AuthCard title="Invitation" footer={onwards}>
        {gone ? <Notice tone="warning">{unusableInvitationMessage(null)}</Notice> : <ErrorBanner error={preview.error} />}
      </AuthCard>
    );
  }

  const invitation = preview.data;
  const title = `Join ${invitation.organizationName}`;
  if (invitation.status !== 'pending') {
    return (
      <AuthCard title={title} footer={onwards}>
        <Notice tone="warning">{unusableInvitationMessage(invitation)}</Notice>
        <InvitationFacts preview={invitation} />
      </AuthCard>
    );
  }

  const inviter = invitation.inviterName ?? 'Someone';
  const intro = `${inviter} invited you to ${invitation.organizationName}.`;
  if (user) {
    return (
      <AuthCard title={title} intro={intro}>
        <InvitationFacts preview={invitation} />
        {user.email.toLowerCase() === invitation.email.toLowerCase() ? (
          <JoinInvitation token={token} preview={invitation} onJoined={openOrganization} />
        ) : (
          <WrongAccount invitedEmail={invitation.email} signedInEmail={user.email} />
        )}
      </AuthCard>
    );
  }

  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  return (
    <AuthCard
      title={title}
      intro={`${intro} Create your account to accept, or sign in if you already have one.`}
      footer={
        <p>
          Already have an account? <Link to={`/login?next=${encodeURIComponent(here)}`}>Sign in</Link>
        </p>
      }
    >
      <InvitationFacts preview={invitation} />
      <InvitedSignupForm
        token={token}
        preview={invitation}
        onJoined={(response) => signedUp(response, invitation.organizationId)}
      />
    </AuthCard>
  );
}
