import { apiRequest } from './client';
import { send } from './http';
import { orgPath } from './organizations';
import type { MessageResponse } from './types';
import type { Invitation, InvitationPreview, OrgRole } from './workspaceTypes';

/**
 * Invitations: managed by an organization's owner and admins (signed in), previewed by
 * whoever holds the link (public, the token is the secret) and accepted as the invited user.
 */

const invitationPath = (id: string, invitationId: string) =>
  `${orgPath(id)}/invitations/${encodeURIComponent(invitationId)}`;
const tokenPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export const invite = (id: string, email: string, role: OrgRole) =>
  apiRequest<Invitation>('POST', `${orgPath(id)}/invitations`, { email, role });

export const fetchInvitations = (id: string) =>
  apiRequest<{ items: Invitation[] }>('GET', `${orgPath(id)}/invitations`).then((body) => body.items);

export const resendInvitation = (id: string, invitationId: string) =>
  apiRequest<Invitation>('POST', `${invitationPath(id, invitationId)}/resend`);

export const revokeInvitation = (id: string, invitationId: string) =>
  apiRequest<MessageResponse>('DELETE', invitationPath(id, invitationId));

export const previewInvitation = (token: string) => send<InvitationPreview>('GET', tokenPath(token));

export const acceptInvitation = (token: string) =>
  apiRequest<{ organizationId: string }>('POST', `${tokenPath(token)}/accept`);

/** An invitation waiting for the signed-in person, as the app shows it (no link needed). */
export interface MyInvitation {
  id: string;
  organizationId: string;
  organizationName: string;
  role: OrgRole;
  inviterName: string | null;
  expiresAt: string;
}

export const fetchMyInvitations = () =>
  apiRequest<{ items: MyInvitation[] }>('GET', '/api/invitations/mine').then((body) => body.items);

export const acceptMyInvitation = (invitationId: string) =>
  apiRequest<{ organizationId: string }>('POST', `/api/invitations/mine/${encodeURIComponent(invitationId)}/accept`);
