import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { signup } from '../../api/auth';
import type { AuthResponse, InvitationPreviewView } from '../../api/schema';
import type { UserType } from '../../api/vocabularies';
import { USER_TYPE_OPTIONS } from '../../auth/userTypes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { formRaw, formText, splitError } from '../../components/fieldErrors';
import { PASSWORD_HINT } from '../account/passwordRules';

const FIELDS = { name: 'name', email: 'email', password: 'password', userType: 'userType' } as const;

interface InvitedSignupFormProps {
  token: string;
  preview: InvitationPreviewView;
  /** Signed up and joined: the caller starts the session and opens the organization. */
  onJoined: (response: AuthResponse) => void;
}

/**
 * Sign-up through the link: the address is the invited one and cannot be changed (the
 * server checks it too); this works even while open registration is closed.
 */
export function InvitedSignupForm({ token, preview, onJoined }: InvitedSignupFormProps) {
  const create = useMutation({ mutationFn: signup, onSuccess: onJoined });
  const { fields, banner } = splitError(create.error, FIELDS, { email_taken: 'email' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate({
      name: formText(form, 'name'),
      email: preview.email,
      password: formRaw(form, 'password'),
      userType: formText(form, 'userType') as UserType,
      invitationToken: token,
    });
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Name" name="name" autoComplete="name" required maxLength={100} error={fields.name} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={preview.email}
          readOnly
          aria-readonly="true"
          hint="The invitation is for this address."
          error={fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={fields.password}
        />
        <SelectField
          label="I am a"
          name="userType"
          defaultValue={preview.role === 'client' ? 'client' : 'designer'}
          options={USER_TYPE_OPTIONS}
          error={fields.userType}
        />
        <button className="button button--primary" type="submit" disabled={create.isPending}>
          Create account
        </button>
      </form>
    </>
  );
}
