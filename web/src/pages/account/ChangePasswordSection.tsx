import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { changePassword } from '../../api/auth';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formRaw, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';
import { PASSWORD_HINT } from './passwordRules';
import { SESSIONS_KEY } from './sessionQueries';

// The new password may be reported as `password` (the domain's name for the rule).
const FIELDS = { currentPassword: 'current', newPassword: 'next', password: 'next' } as const;

/** Changing the password signs out every other session; this one stays. */
export function ChangePasswordSection() {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ current, next }: { current: string; next: string }) => changePassword(current, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
  const { fields, banner } = splitError(change.error, FIELDS, { wrong_password: 'current' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    change.mutate(
      { current: formRaw(form, 'currentPassword'), next: formRaw(form, 'newPassword') },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <section className="panel" aria-labelledby="password-title">
      <h3 className="panel__title" id="password-title">
        Change password
      </h3>
      {change.isSuccess ? (
        <Notice tone="success">
          Your password is changed.{' '}
          {change.data.sessionsRevoked === 1
            ? '1 other session was signed out.'
            : `${change.data.sessionsRevoked} other sessions were signed out.`}
        </Notice>
      ) : null}
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fields.current}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={fields.next}
        />
        <button className="button button--primary" type="submit" disabled={change.isPending}>
          Change password
        </button>
      </form>
    </section>
  );
}
