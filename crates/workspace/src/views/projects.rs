//! The project side of the workspace as its service returns it: projects and their
//! members, milestones, tasks, comments and notifications.

use chrono::{DateTime, NaiveDate, Utc};
use fluxstudio_domain::{NotificationKind, Priority, ProjectRole, ProjectStatus, TaskStatus};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::can::ProjectCan;
use crate::{
    CommentRow, MilestoneRow, NotificationRow, ProjectMemberRow, TaskRow, VisibleProject,
    effective_role, viewer,
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProjectView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub team_id: Option<Uuid>,
    pub name: String,
    pub description: Option<String>,
    #[schema(value_type = String)]
    pub status: ProjectStatus,
    #[schema(value_type = String)]
    pub priority: Priority,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The caller's effective role: `lead`, `editor`, `reviewer`, `viewer`, or null
    /// (staff who may look but are not on the project).
    #[schema(value_type = Option<String>)]
    pub role: Option<ProjectRole>,
    /// What the caller may do on it.
    pub can: ProjectCan,
}

impl From<VisibleProject> for ProjectView {
    fn from(visible: VisibleProject) -> Self {
        let role = effective_role(&visible);
        let can = ProjectCan::of(viewer(&visible));
        let p = visible.project;
        Self {
            id: p.id.0,
            organization_id: p.organization_id.0,
            team_id: p.team_id.map(|t| t.0),
            name: p.name,
            description: p.description,
            status: p.status,
            priority: p.priority,
            start_date: p.start_date,
            due_date: p.due_date,
            created_by: p.created_by.map(|u| u.0),
            created_at: p.created_at,
            updated_at: p.updated_at,
            role,
            can,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProjectMemberView {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    #[schema(value_type = String)]
    pub role: ProjectRole,
    pub added_at: DateTime<Utc>,
}

impl From<ProjectMemberRow> for ProjectMemberView {
    fn from(row: ProjectMemberRow) -> Self {
        Self {
            user_id: row.user_id.0,
            name: row.name,
            email: row.email,
            avatar_url: row.avatar_url,
            role: row.role,
            added_at: row.added_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub id: Uuid,
    pub project_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// The board column.
    #[schema(value_type = String)]
    pub status: TaskStatus,
    #[schema(value_type = String)]
    pub priority: Priority,
    /// Order within the column (ascending); only the order is meaningful.
    pub position: i64,
    pub assignee_id: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl From<TaskRow> for TaskView {
    fn from(row: TaskRow) -> Self {
        Self {
            id: row.id.0,
            project_id: row.project_id.0,
            milestone_id: row.milestone_id.map(|m| m.0),
            title: row.title,
            description: row.description,
            status: row.status,
            priority: row.priority,
            position: row.position,
            assignee_id: row.assignee_id.map(|u| u.0),
            due_date: row.due_date,
            tags: row.tags.0,
            created_by: row.created_by.map(|u| u.0),
            created_at: row.created_at,
            updated_at: row.updated_at,
            completed_at: row.completed_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub id: Uuid,
    #[schema(value_type = String)]
    pub kind: NotificationKind,
    pub title: String,
    pub body: Option<String>,
    pub data: Option<serde_json::Value>,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

impl From<NotificationRow> for NotificationView {
    fn from(row: NotificationRow) -> Self {
        Self {
            id: row.id.0,
            kind: row.kind,
            title: row.title,
            body: row.body,
            data: row.data.map(|d| d.0),
            read: row.read_at.is_some(),
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneView {
    pub id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub task_count: i64,
    pub done_count: i64,
    /// Percentage of its tasks that are done (0 when it has none).
    pub progress: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<MilestoneRow> for MilestoneView {
    fn from(row: MilestoneRow) -> Self {
        let progress = if row.task_count == 0 {
            0
        } else {
            row.done_count * 100 / row.task_count
        };
        Self {
            id: row.id.0,
            project_id: row.project_id.0,
            title: row.title,
            description: row.description,
            due_date: row.due_date,
            task_count: row.task_count,
            done_count: row.done_count,
            progress,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommentView {
    pub id: Uuid,
    pub task_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    /// Markdown; empty once deleted.
    pub body: String,
    pub mentions: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted: bool,
}

impl From<CommentRow> for CommentView {
    fn from(row: CommentRow) -> Self {
        Self {
            id: row.id.0,
            task_id: row.task_id.0,
            author_id: row.author_id.map(|a| a.0),
            author_name: row.author_name,
            body: row.body,
            mentions: row.mentions.0,
            created_at: row.created_at,
            edited_at: row.updated_at,
            deleted: row.deleted_at.is_some(),
        }
    }
}
