import { useMutation } from '@tanstack/react-query';
import { resendVerification } from '../../api/auth';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Shown until the address is verified, with a way to get the email sent again. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const resend = useMutation({ mutationFn: resendVerification });
  return (
    <div className="banner banner--warning" role="region" aria-label="Email not verified">
      <p>
        Your email address <strong>{email}</strong> is not verified yet. Open the link we sent you to verify it.
      </p>
      {resend.isSuccess ? (
        <p role="status">{resend.data.message}</p>
      ) : (
        <p>
          <button
            className="button button--secondary"
            type="button"
            onClick={() => resend.mutate()}
            disabled={resend.isPending}
          >
            Resend verification email
          </button>
        </p>
      )}
      <ErrorBanner error={resend.error} />
    </div>
  );
}
