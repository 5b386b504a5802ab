import { useMutation } from '@tanstack/react-query';
import { acceptInvitation } from '../../api/invitations';
import type { InvitationPreviewView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';

interface JoinInvitationProps {
  token: string;
  preview: InvitationPreviewView;
  onJoined: (organizationId: string) => void;
}

/** Signed in with the invited address: one button joins (403/410 from the server show as they come). */
export function JoinInvitation({ token, preview, onJoined }: JoinInvitationProps) {
  const join = useMutation({
    mutationFn: () => acceptInvitation(token),
    onSuccess: ({ organizationId }) => onJoined(organizationId),
  });
  return (
    <>
      <ErrorBanner error={join.error} />
      <button className="button button--primary" type="button" onClick={() => join.mutate()} disabled={join.isPending}>
        Join {preview.organizationName}
      </button>
    </>
  );
}
