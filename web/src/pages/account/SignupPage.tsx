import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { signup } from '../../api/auth';
import type { UserType } from '../../api/vocabularies';
import { beginSession } from '../../auth/session';
import { USER_TYPE_OPTIONS } from '../../auth/userTypes';
import { AuthCard } from '../../components/AuthCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { formRaw, formText, splitError } from '../../components/fieldErrors';
import { PASSWORD_HINT } from './passwordRules';

const FIELDS = { name: 'name', email: 'email', password: 'password', userType: 'userType' } as const;

/** Creating an account signs the visitor in; PublicOnly then sends them on to `next`. */
export function SignupPage() {
  const [params] = useSearchParams();
  const create = useMutation({ mutationFn: signup, onSuccess: beginSession });
  // 409 names no field, but the email is what the person has to change.
  const { fields, banner } = splitError(create.error, FIELDS, { email_taken: 'email' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate({
      name: formText(form, 'name'),
      email: formText(form, 'email'),
      password: formRaw(form, 'password'),
      userType: formText(form, 'userType') as UserType,
    });
  }

  const loginLink = `/login${params.toString() ? `?${params}` : ''}`;
  return (
    <AuthCard
      title="Create your account"
      footer={
        <p>
          Already have an account? <Link to={loginLink}>Sign in</Link>
        </p>
      }
    >
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Name" name="name" autoComplete="name" required maxLength={100} error={fields.name} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={fields.password}
        />
        <SelectField label="I am a" name="userType" defaultValue="client" options={USER_TYPE_OPTIONS} error={fields.userType} />
        <button className="button button--primary" type="submit" disabled={create.isPending}>
          Create account
        </button>
      </form>
    </AuthCard>
  );
}
