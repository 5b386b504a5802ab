import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { disableTwoFactor } from '../../api/auth';
import { getAuthState, setUser } from '../../auth/sessionStore';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formRaw, formText, splitError } from '../../components/fieldErrors';

const FIELDS = { password: 'password', code: 'code' } as const;

/** 2FA is on: turning it off takes the password and a current code, so a stolen session alone cannot. */
export function DisableTwoFactorForm() {
  const disable = useMutation({
    mutationFn: ({ password, code }: { password: string; code: string }) => disableTwoFactor(password, code),
    onSuccess: () => {
      const { user } = getAuthState();
      if (user) setUser({ ...user, twoFactorEnabled: false });
    },
  });
  const { fields, banner } = splitError(disable.error, FIELDS, {
    invalid_code: 'code',
    wrong_password: 'password',
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    disable.mutate({ password: formRaw(form, 'password'), code: formText(form, 'code').replace(/\s+/g, '') });
  }

  return (
    <>
      <p>
        Two-factor authentication is <strong>on</strong>. Signing in asks for a code from your authenticator app.
      </p>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <TextField
          label="Authentication code"
          name="code"
          autoComplete="one-time-code"
          hint="A code from your authenticator app, or a recovery code."
          required
          error={fields.code}
        />
        <button className="button button--danger" type="submit" disabled={disable.isPending}>
          Turn off two-factor authentication
        </button>
      </form>
    </>
  );
}
