import { apiRequest } from './client';
import type { MessageResponse } from './types';
import type { Activity, Organization, OrganizationChanges, OrganizationInput, Page } from './workspaceTypes';

/** Typed calls to /api/organizations: the organizations themselves and their activity feed. */

export const orgPath = (id: string) => `/api/organizations/${encodeURIComponent(id)}`;

/** `path?limit=…&cursor=…`, leaving out what is not given. */
export function withPage(path: string, page: { limit?: number; cursor?: string | null }): string {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set('limit', String(page.limit));
  if (page.cursor) query.set('cursor', page.cursor);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const createOrganization = (input: OrganizationInput) =>
  apiRequest<Organization>('POST', '/api/organizations', input);

export const fetchOrganizations = () =>
  apiRequest<{ organizations: Organization[] }>('GET', '/api/organizations').then((body) => body.organizations);

export const fetchOrganization = (id: string) => apiRequest<Organization>('GET', orgPath(id));

export const updateOrganization = (id: string, changes: OrganizationChanges) =>
  apiRequest<Organization>('PATCH', orgPath(id), changes);

export const deleteOrganization = (id: string) => apiRequest<MessageResponse>('DELETE', orgPath(id));

export const fetchActivity = (id: string, cursor: string | null) =>
  apiRequest<Page<Activity>>('GET', withPage(`${orgPath(id)}/activities`, { cursor }));
