import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { isTwoFactorChallenge, login } from '../../api/auth';
import { beginSession } from '../../auth/session';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formRaw, formText, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';
import { TwoFactorStep } from './TwoFactorStep';

const FIELDS = { email: 'email', password: 'password' } as const;

/**
 * Email and password, then (for accounts with 2FA) a second step for the code. Once
 * signed in, PublicOnly sends the visitor on to `next`.
 */
export function LoginPage() {
  const [params] = useSearchParams();
  const [challengeToken, setChallengeToken] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const signIn = useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => login(email, password),
    onSuccess: (response) => {
      if (isTwoFactorChallenge(response)) setChallengeToken(response.challengeToken);
      else beginSession(response);
    },
  });
  const { fields, banner } = splitError(signIn.error, FIELDS);

  if (challengeToken) {
    return (
      <TwoFactorStep
        challengeToken={challengeToken}
        onExpired={() => {
          setChallengeToken(null);
          setExpired(true);
          signIn.reset();
        }}
      />
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setExpired(false);
    signIn.mutate({ email: formText(form, 'email'), password: formRaw(form, 'password') });
  }

  const query = params.toString() ? `?${params}` : '';
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          <p>
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
          <p>
            New to FluxStudio? <Link to={`/signup${query}`}>Create an account</Link>
          </p>
        </>
      }
    >
      {expired ? <Notice tone="warning">That sign-in attempt expired. Sign in again.</Notice> : null}
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Email" name="email" type="email" autoComplete="username" required error={fields.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <button className="button button--primary" type="submit" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}
