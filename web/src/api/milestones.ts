import { apiRequest } from './client';
import { projectPath } from './projects';
import type { Milestone, MilestoneChanges, MilestoneInput } from './projectTypes';
import type { MessageResponse } from './types';

/** Typed calls for a project's milestones, each with its progress from its tasks. */

const milestonePath = (projectId: string, milestoneId: string) =>
  `${projectPath(projectId)}/milestones/${encodeURIComponent(milestoneId)}`;

export const fetchMilestones = (projectId: string) =>
  apiRequest<{ items: Milestone[] }>('GET', `${projectPath(projectId)}/milestones`).then((body) => body.items);

export const createMilestone = (projectId: string, input: MilestoneInput) =>
  apiRequest<Milestone>('POST', `${projectPath(projectId)}/milestones`, input);

export const updateMilestone = (projectId: string, milestoneId: string, changes: MilestoneChanges) =>
  apiRequest<Milestone>('PATCH', milestonePath(projectId, milestoneId), changes);

/** Its tasks stay, without a milestone. */
export const deleteMilestone = (projectId: string, milestoneId: string) =>
  apiRequest<MessageResponse>('DELETE', milestonePath(projectId, milestoneId));
