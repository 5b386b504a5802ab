import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { invite } from '../../api/invitations';
import type { OrgRole } from '../../api/vocabularies';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';
import { organizationKeys } from '../../organizations/queryKeys';
import { roleOptions } from '../../organizations/roles';

const FIELDS = { email: 'email', role: 'role' } as const;

interface InviteFormProps {
  organizationId: string;
  /** The roles the caller may invite as (docs/PERMISSIONS.md, "Inviting"). */
  roles: readonly OrgRole[];
}

/** Email and role; the server mails a link valid 7 days (and replaces a pending one to the same address). */
export function InviteForm({ organizationId, roles }: InviteFormProps) {
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: ({ email, role }: { email: string; role: OrgRole }) => invite(organizationId, email, role),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: organizationKeys.invitations(organizationId) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.activity(organizationId) });
    },
  });
  // 409 already_member names the email field.
  const { fields, banner } = splitError(send.error, FIELDS, { already_member: 'email' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    send.mutate(
      { email: formText(form, 'email'), role: formText(form, 'role') as OrgRole },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <>
      {send.isSuccess ? (
        <Notice tone="success">
          <p>
            Invitation sent to <strong>{send.data.email}</strong>.
          </p>
        </Notice>
      ) : null}
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Email" name="email" type="email" autoComplete="off" required error={fields.email} />
        <SelectField
          label="Role"
          name="role"
          defaultValue={roles.includes('member') ? 'member' : roles[0]}
          options={roleOptions(roles)}
          error={fields.role}
        />
        <button className="button button--primary" type="submit" disabled={send.isPending}>
          Invite
        </button>
      </form>
    </>
  );
}
