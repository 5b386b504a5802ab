import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchMe, verifyEmail } from '../../api/auth';
import { useAuth } from '../../auth/authContext';
import { getAuthState, setUser } from '../../auth/sessionStore';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Notice } from '../../components/Notice';

/** The page the verification email links to: posts the token once, on arrival. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status } = useAuth();
  const verify = useMutation({
    mutationFn: verifyEmail,
    // A signed-in user's banner ("not verified") should go away without a reload.
    onSuccess: () => {
      if (getAuthState().status === 'authenticated') fetchMe().then(setUser, () => undefined);
    },
  });

  // Tokens are single-use: StrictMode's second effect run must not post it again. Waits
  // for the start-up refresh, so a signed-in user's profile is re-read after, not before.
  const posted = useRef(false);
  const { mutate } = verify;
  useEffect(() => {
    if (!token || status === 'loading' || posted.current) return;
    posted.current = true;
    mutate(token);
  }, [token, status, mutate]);

  return (
    <AuthCard title="Verify your email address">
      {!token ? (
        <Notice tone="warning">This link is incomplete. Open the link from the email again.</Notice>
      ) : verify.isSuccess ? (
        <Notice tone="success">{verify.data.message}</Notice>
      ) : verify.isError ? (
        <ErrorBanner error={verify.error} />
      ) : (
        <p aria-busy="true">Verifying your email address…</p>
      )}
      {verify.isSuccess || verify.isError || !token ? (
        <p>
          {status === 'authenticated' ? <Link to="/profile">Go to your profile</Link> : <Link to="/login">Sign in</Link>}
        </p>
      ) : null}
    </AuthCard>
  );
}
