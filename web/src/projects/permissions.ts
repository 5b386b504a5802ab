import type { ProjectRole } from '../api/projectTypes';
import type { OrgRole } from '../api/workspaceTypes';

/**
 * What the caller may do on a project, from docs/PERMISSIONS.md ("Project actions"), so the
 * pages only offer what would be allowed. The input is the project's `role` as the API shows
 * it: the caller's effective role (the organization's owner and admins come back as `lead`),
 * or null for staff who may look but are not on the project. The server stays the judge: a
 * refused request still shows its message. Keep this in step with that document.
 */

type Role = ProjectRole | null;

const LEADS: ReadonlySet<Role> = new Set(['lead']);
const WORKERS: ReadonlySet<Role> = new Set(['lead', 'editor']);
const COMMENTERS: ReadonlySet<Role> = new Set(['lead', 'editor', 'reviewer']);

/** `CreateProject` (organization table): everyone in the organization but clients. */
export const canCreateProject = (orgRole: OrgRole) => orgRole !== 'client';

/** `Update` and `Delete`: its name, description, status, dates, priority; or the whole project. */
export const canEditProject = (role: Role) => LEADS.has(role);
export const canDeleteProject = (role: Role) => LEADS.has(role);

/** `ManageMembers`: add people, change their project roles, take them off. */
export const canManageProjectMembers = (role: Role) => LEADS.has(role);

/** `CreateTask`, `EditTask`, `MoveTask`, `DeleteTask`: the board's work. */
export const canWorkOnTasks = (role: Role) => WORKERS.has(role);

/** `Comment`: everyone on the project but viewers. */
export const canComment = (role: Role) => COMMENTERS.has(role);

/** `ManageMilestones`: create, change and delete them. */
export const canManageMilestones = (role: Role) => WORKERS.has(role);

/**
 * `EditDocuments`: create, rename and delete the project's documents, type in them, save and
 * restore versions. Everyone else who may see the project reads them and sees the carets (a
 * document's own `canEdit` says the same for that document).
 */
export const canEditDocuments = (role: Role) => WORKERS.has(role);
