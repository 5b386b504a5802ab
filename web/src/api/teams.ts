import { api } from './client';
import { unwrap } from './http';

/** Typed calls for an organization's teams and who is in them. */

export const createTeam = (id: string, name: string) =>
  unwrap(api.POST('/api/organizations/{id}/teams', { params: { path: { id } }, body: { name } }));

export const fetchTeams = (id: string) =>
  unwrap(api.GET('/api/organizations/{id}/teams', { params: { path: { id } } })).then((body) => body.items);

/** One team, with `memberIds`. */
export const fetchTeam = (id: string, teamId: string) =>
  unwrap(api.GET('/api/organizations/{id}/teams/{teamId}', { params: { path: { id, teamId } } }));

export const renameTeam = (id: string, teamId: string, name: string) =>
  unwrap(api.PATCH('/api/organizations/{id}/teams/{teamId}', { params: { path: { id, teamId } }, body: { name } }));

export const deleteTeam = (id: string, teamId: string) =>
  unwrap(api.DELETE('/api/organizations/{id}/teams/{teamId}', { params: { path: { id, teamId } } }));

export const addTeamMember = (id: string, teamId: string, userId: string) =>
  unwrap(api.PUT('/api/organizations/{id}/teams/{teamId}/members/{userId}', { params: { path: { id, teamId, userId } } }));

export const removeTeamMember = (id: string, teamId: string, userId: string) =>
  unwrap(
    api.DELETE('/api/organizations/{id}/teams/{teamId}/members/{userId}', { params: { path: { id, teamId, userId } } }),
  );
