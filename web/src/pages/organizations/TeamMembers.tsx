import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { addTeamMember, removeTeamMember } from '../../api/teams';
import type { TeamView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/Field';
import { useMembers, useTeam } from '../../organizations/queries';
import { organizationKeys } from '../../organizations/queryKeys';

interface TeamMembersProps {
  organizationId: string;
  team: TeamView;
  manage: boolean;
}

/** Who is in a team (by name, from the organization's members), with add and remove for managers. */
export function TeamMembers({ organizationId, team, manage }: TeamMembersProps) {
  const queryClient = useQueryClient();
  const detail = useTeam(organizationId, team.id);
  const members = useMembers(organizationId);
  const [chosen, setChosen] = useState('');

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: organizationKeys.team(organizationId, team.id) });
    void queryClient.invalidateQueries({ queryKey: organizationKeys.teams(organizationId), exact: true });
  };
  const add = useMutation({
    mutationFn: (userId: string) => addTeamMember(organizationId, team.id, userId),
    onSuccess: () => {
      setChosen('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => removeTeamMember(organizationId, team.id, userId),
    onSuccess: refresh,
  });

  const inTeam = new Set(detail.data?.memberIds ?? []);
  const everyone = members.data ?? [];
  const teamMembers = everyone.filter((member) => inTeam.has(member.userId));
  const others = everyone.filter((member) => !inTeam.has(member.userId));
  const toAdd = others.find((member) => member.userId === chosen) ?? others[0];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (toAdd) add.mutate(toAdd.userId);
  }

  return (
    <>
      <ErrorBanner error={detail.error ?? members.error ?? add.error ?? remove.error} />
      {teamMembers.length ? (
        <ul className="item-list" aria-label={`Members of ${team.name}`}>
          {teamMembers.map((member) => (
            <li className="item-list__item" key={member.userId}>
              <div className="item-list__text">
                <p className="item-list__title">{member.name}</p>
                <p className="item-list__meta">{member.email}</p>
              </div>
              {manage ? (
                <button
                  className="button button--secondary button--small"
                  type="button"
                  onClick={() => remove.mutate(member.userId)}
                  disabled={remove.isPending && remove.variables === member.userId}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : detail.isSuccess ? (
        <p className="item-list__meta">Nobody is in this team yet.</p>
      ) : null}
      {manage && toAdd ? (
        <form className="form form--inline" onSubmit={submit}>
          <SelectField
            label="Add a member"
            name="member"
            value={toAdd.userId}
            onChange={(event) => setChosen(event.target.value)}
            options={others.map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` }))}
          />
          <button className="button button--secondary" type="submit" disabled={add.isPending}>
            Add to team
          </button>
        </form>
      ) : null}
    </>
  );
}
