import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changeMemberRole, removeMember } from '../../api/members';
import type { MemberView } from '../../api/schema';
import type { OrgRole } from '../../api/vocabularies';
import { useAuth } from '../../auth/authContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useOrganizationOutlet } from '../../organizations/organizationContext';
import { useMembers } from '../../organizations/queries';
import { organizationKeys } from '../../organizations/queryKeys';
import { MemberItem } from './MemberItem';

/** Who is in the organization, with a role select and "Remove" where the caller's role allows. */
export function MembersTab() {
  const organization = useOrganizationOutlet();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const membersKey = organizationKeys.members(organization.id);
  const members = useMembers(organization.id);
  const { manageRoles } = organization.can;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: membersKey });
    void queryClient.invalidateQueries({ queryKey: organizationKeys.activity(organization.id) });
  };
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: OrgRole }) =>
      changeMemberRole(organization.id, userId, role),
    onSuccess: (_answer, { userId, role }) => {
      // The new role at once, then confirmed by a fresh list.
      queryClient.setQueryData<MemberView[]>(membersKey, (list) =>
        list?.map((member) => (member.userId === userId ? { ...member, role } : member)),
      );
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => removeMember(organization.id, userId),
    onSuccess: (_answer, userId) => {
      queryClient.setQueryData<MemberView[]>(membersKey, (list) => list?.filter((member) => member.userId !== userId));
      refresh();
      void queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
    },
  });

  const count = members.data?.length;
  return (
    <section className="panel" aria-labelledby="members-title">
      <h3 className="panel__title" id="members-title">
        Members{count !== undefined ? ` (${count})` : ''}
      </h3>
      {/* The server is the judge: a refused change shows its message here. */}
      <ErrorBanner error={members.error ?? changeRole.error ?? remove.error} />
      {members.isPending ? <p aria-busy="true">Loading members…</p> : null}
      {members.data ? (
        <ul className="item-list" aria-label="Members">
          {members.data.map((member) => {
            const isYou = member.userId === user?.id;
            // The caller acts on holders of `manageRoles`, and may give them any of those roles.
            const inReach = !isYou && manageRoles.includes(member.role);
            return (
              <MemberItem
                key={member.userId}
                member={member}
                isYou={isYou}
                roles={inReach ? manageRoles : []}
                removable={inReach}
                pendingRole={
                  changeRole.isPending && changeRole.variables.userId === member.userId
                    ? changeRole.variables.role
                    : undefined
                }
                removing={remove.isPending && remove.variables === member.userId}
                onRoleChange={(role) => changeRole.mutate({ userId: member.userId, role })}
                onRemove={() => remove.mutate(member.userId)}
              />
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
