import { api } from './client';
import { unwrap } from './http';
import type { NewOrganizationBody, OrganizationChangeBody } from './schema';

/** Typed calls to /api/organizations: the organizations themselves, their storage and their activity feed. */

export const createOrganization = (body: NewOrganizationBody) => unwrap(api.POST('/api/organizations', { body }));

export const fetchOrganizations = () => unwrap(api.GET('/api/organizations')).then((body) => body.organizations);

export const fetchOrganization = (id: string) => unwrap(api.GET('/api/organizations/{id}', { params: { path: { id } } }));

/** Only what changed; `description: null` clears it. */
export const updateOrganization = (id: string, body: OrganizationChangeBody) =>
  unwrap(api.PATCH('/api/organizations/{id}', { params: { path: { id } }, body }));

export const deleteOrganization = (id: string) => unwrap(api.DELETE('/api/organizations/{id}', { params: { path: { id } } }));

/** What the organization's files take of its storage quota (members only; 404 for others). */
export const fetchStorage = (id: string) => unwrap(api.GET('/api/organizations/{id}/storage', { params: { path: { id } } }));

export const fetchActivity = (id: string, cursor: string | null) =>
  unwrap(api.GET('/api/organizations/{id}/activities', { params: { path: { id }, query: { cursor: cursor ?? undefined } } }));
