import { apiRequest } from './client';
import { orgPath } from './organizations';
import type { MessageResponse } from './types';
import type { Team } from './workspaceTypes';

/** Typed calls for an organization's teams and who is in them. */

const teamPath = (id: string, teamId: string) => `${orgPath(id)}/teams/${encodeURIComponent(teamId)}`;
const teamMemberPath = (id: string, teamId: string, userId: string) =>
  `${teamPath(id, teamId)}/members/${encodeURIComponent(userId)}`;

export const createTeam = (id: string, name: string) => apiRequest<Team>('POST', `${orgPath(id)}/teams`, { name });

export const fetchTeams = (id: string) =>
  apiRequest<{ items: Team[] }>('GET', `${orgPath(id)}/teams`).then((body) => body.items);

/** One team, with `memberIds`. */
export const fetchTeam = (id: string, teamId: string) => apiRequest<Team>('GET', teamPath(id, teamId));

export const renameTeam = (id: string, teamId: string, name: string) =>
  apiRequest<Team>('PATCH', teamPath(id, teamId), { name });

export const deleteTeam = (id: string, teamId: string) => apiRequest<MessageResponse>('DELETE', teamPath(id, teamId));

export const addTeamMember = (id: string, teamId: string, userId: string) =>
  apiRequest<MessageResponse>('PUT', teamMemberPath(id, teamId, userId));

export const removeTeamMember = (id: string, teamId: string, userId: string) =>
  apiRequest<MessageResponse>('DELETE', teamMemberPath(id, teamId, userId));
