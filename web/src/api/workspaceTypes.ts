/** The shapes the organization API answers with (camelCase JSON); see crates/api/src/workspace/views.rs. */

export type OrgRole = 'owner' | 'admin' | 'member' | 'client';

export interface Organization {
  id: string;
  name: string;
  /** Unique, lower-case ASCII with dashes; never null. */
  slug: string;
  description: string | null;
  /** The caller's role in it. */
  role: OrgRole;
  /** In the list (and on create); absent from GET/PATCH of one organization. */
  memberCount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationInput {
  name: string;
  slug?: string;
  description?: string;
}

/** Only what changed; `description: null` clears it. */
export interface OrganizationChanges {
  name?: string;
  slug?: string;
  description?: string | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  role: OrgRole;
  joinedAt: string;
}

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: OrgRole;
  status: InvitationStatus;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** What an invitation link offers, shown before accepting (no sign-in needed). */
export interface InvitationPreview {
  organizationId: string;
  organizationName: string;
  email: string;
  role: OrgRole;
  inviterName: string | null;
  status: InvitationStatus;
  expiresAt: string;
}

export interface Team {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  memberCount: number;
  /** Present when one team is asked for. */
  memberIds?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Activity {
  id: string;
  organizationId: string;
  projectId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** e.g. `organization.created`, `member.role_changed`, `invitation.sent`. */
  action: string;
  entityType: string;
  entityId: string | null;
  entityTitle: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}
