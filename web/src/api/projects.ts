import { apiRequest } from './client';
import { withPage } from './organizations';
import type { ProjectFilters, Project, ProjectChanges, ProjectInput, ProjectMember, ProjectRole } from './projectTypes';
import type { MessageResponse } from './types';
import type { Activity, Page } from './workspaceTypes';

/** Typed calls to /api/projects: the projects themselves, who is on them, and their activity. */

export const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

const memberPath = (id: string, userId: string) => `${projectPath(id)}/members/${encodeURIComponent(userId)}`;

export const createProject = (input: ProjectInput) => apiRequest<Project>('POST', '/api/projects', input);

/** One page of the projects the caller may see, newest first, narrowed by `filters`. */
export function fetchProjectsPage(filters: ProjectFilters, cursor: string | null): Promise<Page<Project>> {
  const query = new URLSearchParams({ organizationId: filters.organizationId });
  if (filters.teamId) query.set('teamId', filters.teamId);
  if (filters.status) query.set('status', filters.status);
  if (filters.q) query.set('q', filters.q);
  if (cursor) query.set('cursor', cursor);
  return apiRequest<Page<Project>>('GET', `/api/projects?${query.toString()}`);
}

export const fetchProject = (id: string) => apiRequest<Project>('GET', projectPath(id));

export const updateProject = (id: string, changes: ProjectChanges) =>
  apiRequest<Project>('PATCH', projectPath(id), changes);

export const deleteProject = (id: string) => apiRequest<MessageResponse>('DELETE', projectPath(id));

export const fetchProjectMembers = (id: string) =>
  apiRequest<{ items: ProjectMember[] }>('GET', `${projectPath(id)}/members`).then((body) => body.items);

/** Puts an organization member on the project with `role`, or changes their role. */
export const setProjectMember = (id: string, userId: string, role: ProjectRole) =>
  apiRequest<MessageResponse>('PUT', memberPath(id, userId), { role });

/** 409 `last_lead` when it would leave the project without a lead. */
export const removeProjectMember = (id: string, userId: string) =>
  apiRequest<MessageResponse>('DELETE', memberPath(id, userId));

export const fetchProjectActivity = (id: string, cursor: string | null) =>
  apiRequest<Page<Activity>>('GET', withPage(`${projectPath(id)}/activities`, { cursor }));
