/**
 * The shapes the project, task, comment, milestone and notification API answers with
 * (camelCase JSON); see crates/api/src/workspace/project_views.rs, comments.rs and milestones.rs.
 */

export type ProjectStatus = 'planning' | 'active' | 'on_hold' | 'completed' | 'archived';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type ProjectRole = 'lead' | 'editor' | 'reviewer' | 'viewer';
/** The board's columns. */
export type TaskStatus = 'todo' | 'in_progress' | 'review' | 'done' | 'blocked';

/** Calendar dates travel as `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Project {
  id: string;
  organizationId: string;
  teamId: string | null;
  name: string;
  description: string | null;
  status: ProjectStatus;
  priority: Priority;
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** The caller's effective role; null for staff who may look but are not on the project. */
  role: ProjectRole | null;
}

export interface ProjectInput {
  organizationId: string;
  name: string;
  description?: string;
  status?: ProjectStatus;
  priority?: Priority;
  startDate?: IsoDate;
  dueDate?: IsoDate;
  teamId?: string;
}

/** Only what changed; `null` clears a field. */
export interface ProjectChanges {
  name?: string;
  description?: string | null;
  status?: ProjectStatus;
  priority?: Priority;
  startDate?: IsoDate | null;
  dueDate?: IsoDate | null;
  teamId?: string | null;
}

export interface ProjectFilters {
  organizationId: string;
  teamId?: string;
  status?: ProjectStatus;
  q?: string;
}

export interface ProjectMember {
  userId: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  role: ProjectRole;
  addedAt: string;
}

export interface Task {
  id: string;
  projectId: string;
  milestoneId: string | null;
  title: string;
  /** Markdown. */
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  /** Order within the column; only the order means anything. */
  position: number;
  assigneeId: string | null;
  dueDate: IsoDate | null;
  tags: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface TaskInput {
  title: string;
  description?: string;
  status?: TaskStatus;
  priority?: Priority;
  assigneeId?: string;
  milestoneId?: string;
  dueDate?: IsoDate;
  tags?: string[];
}

/** Only what changed; `null` clears a field. A new `status` puts the task at the column's bottom. */
export interface TaskChanges {
  title?: string;
  description?: string | null;
  status?: TaskStatus;
  priority?: Priority;
  assigneeId?: string | null;
  milestoneId?: string | null;
  dueDate?: IsoDate | null;
  tags?: string[];
}

/** Where a task goes: a column, and its place among that column's other tasks (0 = top). */
export interface TaskMove {
  status: TaskStatus;
  index: number;
}

export interface Comment {
  id: string;
  taskId: string;
  authorId: string | null;
  authorName: string | null;
  /** Markdown; empty once deleted. */
  body: string;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  /** Deleted comments stay in the thread as tombstones. */
  deleted: boolean;
}

export interface Milestone {
  id: string;
  projectId: string;
  title: string;
  description: string | null;
  dueDate: IsoDate | null;
  taskCount: number;
  doneCount: number;
  /** Percentage of its tasks that are done. */
  progress: number;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneInput {
  title: string;
  description?: string;
  dueDate?: IsoDate;
}

export interface MilestoneChanges {
  title?: string;
  description?: string | null;
  dueDate?: IsoDate | null;
}

export type NotificationKind = 'task_assigned' | 'mentioned' | 'task_commented' | 'invited' | 'project_status';

export interface AppNotification {
  id: string;
  /** One of NotificationKind, or a kind this version does not know yet. */
  kind: string;
  title: string;
  body: string | null;
  /** Ids to link to: projectId, taskId, organizationId… */
  data: Record<string, unknown> | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}
