import { useMutation } from '@tanstack/react-query';
import { signOut } from '../../auth/session';
import { Notice } from '../../components/Notice';

interface WrongAccountProps {
  invitedEmail: string;
  signedInEmail: string;
}

/** Signed in as someone else: the invitation cannot be theirs; signing out offers the other ways in. */
export function WrongAccount({ invitedEmail, signedInEmail }: WrongAccountProps) {
  const leave = useMutation({ mutationFn: signOut });
  return (
    <>
      <Notice tone="warning">
        <p>
          This invitation is for <strong>{invitedEmail}</strong>, but you are signed in as <strong>{signedInEmail}</strong>.
        </p>
        <p>Sign out, then sign in or create an account with {invitedEmail} to accept it.</p>
      </Notice>
      <button
        className="button button--secondary"
        type="button"
        onClick={() => leave.mutate()}
        disabled={leave.isPending}
      >
        Sign out and continue
      </button>
    </>
  );
}
