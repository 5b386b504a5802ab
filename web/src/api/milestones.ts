import { api } from './client';
import { unwrap } from './http';
import type { MilestoneChangeBody, NewMilestoneBody } from './schema';

/** Typed calls for a project's milestones, each with its progress from its tasks. */

export const fetchMilestones = (id: string) =>
  unwrap(api.GET('/api/projects/{id}/milestones', { params: { path: { id } } })).then((body) => body.items);

export const createMilestone = (id: string, body: NewMilestoneBody) =>
  unwrap(api.POST('/api/projects/{id}/milestones', { params: { path: { id } }, body }));

export const updateMilestone = (id: string, milestoneId: string, body: MilestoneChangeBody) =>
  unwrap(api.PATCH('/api/projects/{id}/milestones/{milestoneId}', { params: { path: { id, milestoneId } }, body }));

/** Its tasks stay, without a milestone. */
export const deleteMilestone = (id: string, milestoneId: string) =>
  unwrap(api.DELETE('/api/projects/{id}/milestones/{milestoneId}', { params: { path: { id, milestoneId } } }));
