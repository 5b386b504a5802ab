import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { resetPassword } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formRaw, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';
import { PASSWORD_HINT } from './passwordRules';

/** The page the reset email links to: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useMutation({ mutationFn: (password: string) => resetPassword(token, password) });
  const { fields, banner } = splitError(reset.error, { password: 'password' });
  const badLink = reset.error instanceof ApiError && reset.error.code === 'invalid_token';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset.mutate(formRaw(event.currentTarget, 'password'));
  }

  if (!token) {
    return (
      <AuthCard title="Choose a new password">
        <Notice tone="warning">
          This link is incomplete. Open the link from the email again, or{' '}
          <Link to="/forgot-password">ask for a new one</Link>.
        </Notice>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title="Choose a new password">
        <Notice tone="success">{reset.data.message}</Notice>
        <p>
          <Link to="/login">Sign in with your new password</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <ErrorBanner error={banner} />
      {badLink ? (
        <p>
          <Link to="/forgot-password">Ask for a new reset link</Link>
        </p>
      ) : null}
      <form className="form" onSubmit={submit}>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={fields.password}
        />
        <button className="button button--primary" type="submit" disabled={reset.isPending}>
          Set new password
        </button>
      </form>
    </AuthCard>
  );
}
