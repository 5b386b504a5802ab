import { api } from './client';
import { unwrap } from './http';
import type { NewProjectBody, paths, ProjectChangeBody, ProjectMemberView } from './schema';

/** Typed calls to /api/projects: the projects themselves, who is on them, and their activity. */

type ProjectsQuery = NonNullable<paths['/api/projects']['get']['parameters']['query']>;

/** What the project list is narrowed by: always one organization, then any of the rest. */
export type ProjectFilters = Required<Pick<ProjectsQuery, 'organizationId'>> & Pick<ProjectsQuery, 'teamId' | 'status' | 'q'>;

export const createProject = (body: NewProjectBody) => unwrap(api.POST('/api/projects', { body }));

/** One page of the projects the caller may see, newest first, narrowed by `filters` (empty ones left out). */
export const fetchProjectsPage = ({ organizationId, teamId, status, q }: ProjectFilters, cursor: string | null) =>
  unwrap(
    api.GET('/api/projects', {
      params: {
        query: { organizationId, teamId: teamId || undefined, status, q: q || undefined, cursor: cursor ?? undefined },
      },
    }),
  );

export const fetchProject = (id: string) => unwrap(api.GET('/api/projects/{id}', { params: { path: { id } } }));

/** Only what changed; `null` clears a field. */
export const updateProject = (id: string, body: ProjectChangeBody) =>
  unwrap(api.PATCH('/api/projects/{id}', { params: { path: { id } }, body }));

export const deleteProject = (id: string) => unwrap(api.DELETE('/api/projects/{id}', { params: { path: { id } } }));

export const fetchProjectMembers = (id: string) =>
  unwrap(api.GET('/api/projects/{id}/members', { params: { path: { id } } })).then((body) => body.items);

/** Puts an organization member on the project with `role`, or changes their role. */
export const setProjectMember = (id: string, userId: string, role: ProjectMemberView['role']) =>
  unwrap(api.PUT('/api/projects/{id}/members/{userId}', { params: { path: { id, userId } }, body: { role } }));

/** 409 `last_lead` when it would leave the project without a lead. */
export const removeProjectMember = (id: string, userId: string) =>
  unwrap(api.DELETE('/api/projects/{id}/members/{userId}', { params: { path: { id, userId } } }));

export const fetchProjectActivity = (id: string, cursor: string | null) =>
  unwrap(api.GET('/api/projects/{id}/activities', { params: { path: { id }, query: { cursor: cursor ?? undefined } } }));
