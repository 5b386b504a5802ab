import type { InvitationStatus, OrgRole } from '../api/vocabularies';

/** Role and status words as the pages show them. */

export const ROLE_LABELS: Readonly<Record<OrgRole, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  client: 'Client',
};

export const roleOptions = (roles: readonly OrgRole[]) => roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const STATUS_LABELS: Readonly<Record<InvitationStatus, string>> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};
