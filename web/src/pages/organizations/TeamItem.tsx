import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteTeam } from '../../api/teams';
import type { TeamView } from '../../api/schema';
import { EditDeleteActions } from '../../components/EditDeleteActions';
import { ErrorBanner } from '../../components/ErrorBanner';
import { organizationKeys } from '../../organizations/queryKeys';
import { TeamMembers } from './TeamMembers';
import { TeamRenameForm } from './TeamRenameForm';

interface TeamItemProps {
  organizationId: string;
  team: TeamView;
  /** The caller may rename, delete and set the members (owner and admins). */
  manage: boolean;
}

/** One team: its name (renamed in place), its members, and "Delete team". */
export function TeamItem({ organizationId, team, manage }: TeamItemProps) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteTeam(organizationId, team.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.teams(organizationId) }),
  });
  const titleId = `team-${team.id}`;

  return (
    <li className="panel team-list__item" aria-labelledby={titleId}>
      {renaming ? (
        <TeamRenameForm organizationId={organizationId} team={team} onDone={() => setRenaming(false)} />
      ) : (
        <div className="team-list__head">
          <h3 className="panel__title" id={titleId}>
            {team.name}
          </h3>
          <span className="item-list__meta">
            {team.memberCount} {team.memberCount === 1 ? 'member' : 'members'}
          </span>
          {manage ? (
            <EditDeleteActions
              editLabel="Rename"
              onEdit={() => setRenaming(true)}
              deleteLabel="Delete team"
              deletePrompt={`Delete ${team.name}? Its projects stay, without a team.`}
              onDelete={() => remove.mutate()}
              deletePending={remove.isPending}
            />
          ) : null}
        </div>
      )}
      <ErrorBanner error={remove.error} />
      <TeamMembers organizationId={organizationId} team={team} manage={manage} />
    </li>
  );
}
