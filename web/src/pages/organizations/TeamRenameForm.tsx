import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { renameTeam } from '../../api/teams';
import type { TeamView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { organizationKeys } from '../../organizations/queryKeys';

interface TeamRenameFormProps {
  organizationId: string;
  team: TeamView;
  onDone: () => void;
}

/** The team's name in a field, saved or cancelled. */
export function TeamRenameForm({ organizationId, team, onDone }: TeamRenameFormProps) {
  const queryClient = useQueryClient();
  const rename = useMutation({
    mutationFn: (name: string) => renameTeam(organizationId, team.id, name),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organizationKeys.teams(organizationId) });
      onDone();
    },
  });
  const { fields, banner } = splitError(rename.error, { name: 'name' }, { name_taken: 'name' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = formText(event.currentTarget, 'name');
    if (name === team.name) onDone();
    else rename.mutate(name);
  }

  return (
    <form className="form" onSubmit={submit}>
      <ErrorBanner error={banner} />
      <TextField
        label="Team name"
        name="name"
        defaultValue={team.name}
        required
        maxLength={100}
        autoFocus
        error={fields.name}
      />
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={rename.isPending}>
          Save
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
