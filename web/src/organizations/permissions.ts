import type { OrgRole } from '../api/workspaceTypes';

/**
 * What the caller's organization role lets them do, from docs/PERMISSIONS.md, so the pages
 * only offer what would be allowed. The server stays the judge: a refused request still
 * shows its message. Keep this in step with that document (and crates/domain/src/permissions).
 */

const STAFF_LEADS: ReadonlySet<OrgRole> = new Set(['owner', 'admin']);

/** `Update` and `ManageTeams`: the owner and admins. */
export const canEditOrganization = (role: OrgRole) => STAFF_LEADS.has(role);
export const canManageTeams = (role: OrgRole) => STAFF_LEADS.has(role);

/** `Delete` and `TransferOwnership`: the owner only. */
export const canDeleteOrganization = (role: OrgRole) => role === 'owner';
export const canTransferOwnership = (role: OrgRole) => role === 'owner';

/** `Leave`: everyone but the owner, who hands ownership on first. */
export const canLeave = (role: OrgRole) => role !== 'owner';

/**
 * The roles someone acts on: the owner on admins, members and clients; an admin on members
 * and clients; nobody on the owner. Inviting, changing a role (both the old and the new role
 * must be in reach) and removing all follow this one rule.
 */
export function rolesWithinReach(role: OrgRole): readonly OrgRole[] {
  if (role === 'owner') return ['admin', 'member', 'client'];
  if (role === 'admin') return ['member', 'client'];
  return [];
}

/** `Invite { role }`: the roles the caller may invite as. */
export const invitableRoles = rolesWithinReach;

/** Listing, resending and revoking invitations need the right to invite a member. */
export const canManageInvitations = (role: OrgRole) => rolesWithinReach(role).includes('member');

/** `ChangeRole { from, to }` for a member holding `target`: the roles they may be given, or none. */
export function assignableRoles(actor: OrgRole, target: OrgRole): readonly OrgRole[] {
  const reach = rolesWithinReach(actor);
  return reach.includes(target) ? reach : [];
}

/** `RemoveMember { target }` (removing oneself is leaving, not this). */
export const canRemoveMember = (actor: OrgRole, target: OrgRole) => rolesWithinReach(actor).includes(target);
