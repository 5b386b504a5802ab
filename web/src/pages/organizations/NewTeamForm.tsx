import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { createTeam } from '../../api/teams';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { organizationKeys } from '../../organizations/queryKeys';

/** A team's name; 409 name_taken comes back on the field. */
export function NewTeamForm({ organizationId }: { organizationId: string }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (name: string) => createTeam(organizationId, name),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: organizationKeys.teams(organizationId) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.activity(organizationId) });
    },
  });
  const { fields, banner } = splitError(create.error, { name: 'name' }, { name_taken: 'name' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(formText(form, 'name'), { onSuccess: () => form.reset() });
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Team name" name="name" required maxLength={100} error={fields.name} />
        <button className="button button--primary" type="submit" disabled={create.isPending}>
          Create team
        </button>
      </form>
    </>
  );
}
