import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { loginWithCode } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { beginSession } from '../../auth/session';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';

interface TwoFactorStepProps {
  challengeToken: string;
  /** The challenge lives 5 minutes; after that only a new password step helps. */
  onExpired: () => void;
}

/** The login's second step: a code from the authenticator app, or a recovery code. */
export function TwoFactorStep({ challengeToken, onExpired }: TwoFactorStepProps) {
  const verify = useMutation({
    mutationFn: (code: string) => loginWithCode(challengeToken, code),
    onSuccess: beginSession,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'challenge_expired') onExpired();
    },
  });
  const { fields, banner } = splitError(verify.error, { code: 'code' }, { invalid_code: 'code' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Spaces picked up when copying a code (or typing "123 456") are not part of it.
    verify.mutate(formText(event.currentTarget, 'code').replace(/\s+/g, ''));
  }

  return (
    <AuthCard
      title="Two-factor authentication"
      intro="Enter the 6-digit code from your authenticator app, or one of your recovery codes."
    >
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField
          label="Authentication code"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          required
          autoFocus
          error={fields.code}
        />
        <button className="button button--primary" type="submit" disabled={verify.isPending}>
          Verify
        </button>
      </form>
    </AuthCard>
  );
}
