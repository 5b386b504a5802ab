import { useMutation, useQueryClient } from '@tanstack/react-query';
import { removeProjectMember, setProjectMember } from '../../../api/projects';
import type { ProjectRole } from '../../../api/vocabularies';
import { useAuth } from '../../../auth/authContext';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useMembers } from '../../../organizations/queries';
import { useProjectOutlet } from '../../../projects/projectContext';
import { useProjectMembers } from '../../../projects/queries';
import { projectKeys } from '../../../projects/queryKeys';
import { AddProjectMemberForm } from './AddProjectMemberForm';
import { ProjectMemberItem } from './ProjectMemberItem';

interface RoleVariables {
  userId: string;
  role: ProjectRole;
}

/**
 * Who works on the project, with their project roles. Leads add people from the
 * organization, change roles and take people off (the server keeps at least one lead and
 * says so when a change would leave none).
 */
export function ProjectMembersTab() {
  const project = useProjectOutlet();
  const manage = project.can.manageMembers;
  const { user } = useAuth();
  const members = useProjectMembers(project.id);
  const organizationMembers = useMembers(project.organizationId);
  const queryClient = useQueryClient();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: projectKeys.members(project.id) });
    void queryClient.invalidateQueries({ queryKey: projectKeys.activity(project.id) });
    // The caller's own role may have changed, and with it what the pages offer.
    void queryClient.invalidateQueries({ queryKey: projectKeys.one(project.id), exact: true });
  };
  const setRole = ({ userId, role }: RoleVariables) => setProjectMember(project.id, userId, role);
  const add = useMutation({ mutationFn: setRole, onSuccess: refresh });
  const changeRole = useMutation({ mutationFn: setRole, onSuccess: refresh });
  const remove = useMutation({ mutationFn: (userId: string) => removeProjectMember(project.id, userId), onSuccess: refresh });

  const onProject = new Set((members.data ?? []).map((member) => member.userId));
  const candidates = (organizationMembers.data ?? []).filter((member) => !onProject.has(member.userId));
  const count = members.data?.length;

  return (
    <>
      {manage ? (
        <section className="panel" aria-labelledby="add-project-member-title">
          <h3 className="panel__title" id="add-project-member-title">
            Add someone
          </h3>
          <ErrorBanner error={organizationMembers.error} />
          {organizationMembers.data && members.data ? (
            <AddProjectMemberForm
              candidates={candidates}
              pending={add.isPending}
              error={add.error}
              onAdd={(userId, role, form) => add.mutate({ userId, role }, { onSuccess: () => form.reset() })}
            />
          ) : null}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="project-members-title">
        <h3 className="panel__title" id="project-members-title">
          Members{count !== undefined ? ` (${count})` : ''}
        </h3>
        {/* The server is the judge: a refused change (the last lead) shows its message here. */}
        <ErrorBanner error={members.error ?? changeRole.error ?? remove.error} />
        {members.isPending ? <p aria-busy="true">Loading members…</p> : null}
        {members.data ? (
          <ul className="item-list" aria-label="Project members">
            {members.data.map((member) => (
              <ProjectMemberItem
                key={member.userId}
                member={member}
                isYou={member.userId === user?.id}
                manage={manage}
                pendingRole={
                  changeRole.isPending && changeRole.variables.userId === member.userId ? changeRole.variables.role : undefined
                }
                removing={remove.isPending && remove.variables === member.userId}
                onRoleChange={(role) => {
                  remove.reset();
                  changeRole.mutate({ userId: member.userId, role });
                }}
                onRemove={() => {
                  changeRole.reset();
                  remove.mutate(member.userId);
                }}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
