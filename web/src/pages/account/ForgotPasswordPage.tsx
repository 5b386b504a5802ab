import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { forgotPassword } from '../../api/auth';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';

/**
 * Asks for a reset link. The server answers the same whether or not the address has an
 * account (so the form cannot be used to find out), and so does this page.
 */
export function ForgotPasswordPage() {
  const request = useMutation({ mutationFn: forgotPassword });
  const { fields, banner } = splitError(request.error, { email: 'email' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(formText(event.currentTarget, 'email'));
  }

  return (
    <AuthCard
      title="Reset your password"
      intro="Enter the email address of your account and we will send you a link to choose a new password."
      footer={
        <p>
          Remembered it? <Link to="/login">Sign in</Link>
        </p>
      }
    >
      {request.isSuccess ? (
        <Notice tone="success">{request.data.message}</Notice>
      ) : (
        <>
          <ErrorBanner error={banner} />
          <form className="form" onSubmit={submit}>
            <TextField label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
            <button className="button button--primary" type="submit" disabled={request.isPending}>
              Send reset link
            </button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
