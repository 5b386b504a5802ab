import { api } from './client';
import { publicApi, unwrap } from './http';
import type { InvitationView } from './schema';

/**
 * Invitations: managed by an organization's owner and admins (signed in), previewed by
 * whoever holds the link (public, the token is the secret) and accepted as the invited user.
 */

export const invite = (id: string, email: string, role: InvitationView['role']) =>
  unwrap(api.POST('/api/organizations/{id}/invitations', { params: { path: { id } }, body: { email, role } }));

export const fetchInvitations = (id: string) =>
  unwrap(api.GET('/api/organizations/{id}/invitations', { params: { path: { id } } })).then((body) => body.items);

export const resendInvitation = (id: string, invitationId: string) =>
  unwrap(
    api.POST('/api/organizations/{id}/invitations/{invitationId}/resend', { params: { path: { id, invitationId } } }),
  );

export const revokeInvitation = (id: string, invitationId: string) =>
  unwrap(api.DELETE('/api/organizations/{id}/invitations/{invitationId}', { params: { path: { id, invitationId } } }));

export const previewInvitation = (token: string) =>
  unwrap(publicApi.GET('/api/invitations/{token}', { params: { path: { token } } }));

export const acceptInvitation = (token: string) =>
  unwrap(api.POST('/api/invitations/{token}/accept', { params: { path: { token } } }));

/** The invitations waiting for the signed-in person, as the app shows them (no link needed). */
export const fetchMyInvitations = () => unwrap(api.GET('/api/invitations/mine')).then((body) => body.items);

export const acceptMyInvitation = (invitationId: string) =>
  unwrap(api.POST('/api/invitations/mine/{invitationId}/accept', { params: { path: { invitationId } } }));
