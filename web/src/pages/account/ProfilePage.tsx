import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { updateMe } from '../../api/auth';
import type { ProfileBody, UserView } from '../../api/schema';
import { useAuth } from '../../auth/authContext';
import { setUser } from '../../auth/sessionStore';
import { USER_TYPE_LABELS } from '../../auth/userTypes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { TimezoneOptions } from './TimezoneOptions';
import { VerifyEmailBanner } from './VerifyEmailBanner';

const FIELDS = { name: 'name', avatarUrl: 'avatarUrl', timezone: 'timezone' } as const;
const TIMEZONES_LIST_ID = 'timezone-options';

/** Only what changed goes to the server; an emptied field is sent as null (cleared). */
function changesFrom(form: HTMLFormElement, user: UserView): ProfileBody {
  const changes: ProfileBody = {};
  const name = formText(form, 'name');
  const avatarUrl = formText(form, 'avatarUrl') || null;
  const timezone = formText(form, 'timezone') || null;
  if (name !== user.name) changes.name = name;
  if (avatarUrl !== (user.avatarUrl ?? null)) changes.avatarUrl = avatarUrl;
  if (timezone !== (user.timezone ?? null)) changes.timezone = timezone;
  return changes;
}

export function ProfilePage() {
  const { user } = useAuth();
  const save = useMutation({ mutationFn: updateMe, onSuccess: setUser });
  const { fields, banner } = splitError(save.error, FIELDS);
  if (!user) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (user) save.mutate(changesFrom(event.currentTarget, user));
  }

  return (
    <>
      <PageHeading title="Profile" />
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} />}
      <section className="panel" aria-labelledby="profile-details">
        <h3 className="panel__title" id="profile-details">
          Your details
        </h3>
        <dl className="facts">
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Account type</dt>
          <dd>{USER_TYPE_LABELS[user.userType]}</dd>
        </dl>
        {save.isSuccess ? <Notice tone="success">Your profile is saved.</Notice> : null}
        <ErrorBanner error={banner} />
        <form className="form" onSubmit={submit}>
          <TextField label="Name" name="name" defaultValue={user.name} required maxLength={100} error={fields.name} />
          <TextField
            label="Avatar URL"
            name="avatarUrl"
            type="url"
            defaultValue={user.avatarUrl ?? ''}
            placeholder="https://…"
            error={fields.avatarUrl}
          />
          <TextField
            label="Timezone"
            name="timezone"
            defaultValue={user.timezone ?? ''}
            placeholder={Intl.DateTimeFormat().resolvedOptions().timeZone}
            list={TIMEZONES_LIST_ID}
            hint="Times in FluxStudio are shown in this zone, e.g. Europe/Paris."
            error={fields.timezone}
          />
          <TimezoneOptions id={TIMEZONES_LIST_ID} />
          <button className="button button--primary" type="submit" disabled={save.isPending}>
            Save changes
          </button>
        </form>
      </section>
    </>
  );
}
