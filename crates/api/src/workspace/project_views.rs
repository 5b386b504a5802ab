//! The JSON shapes of projects, their members, tasks and notifications.

use chrono::{DateTime, NaiveDate, Utc};
use fluxstudio_domain::NotificationKind;
use fluxstudio_domain::{Priority, ProjectRole, ProjectStatus, TaskStatus};
use fluxstudio_workspace::{
    NotificationRow, ProjectMemberRow, TaskRow, VisibleProject, effective_role, viewer,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::can::ProjectCan;

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
    pub role: Option<String>,
    /// What the caller may do on it.
    pub can: ProjectCan,
}

impl From<VisibleProject> for ProjectView {
    fn from(visible: VisibleProject) -> Self {
        let role = effective_role(&visible).map(|r| r.as_str().to_owned());
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
pub struct ProjectList {
    pub items: Vec<ProjectView>,
    pub next_cursor: Option<String>,
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
pub struct ProjectMemberList {
    pub items: Vec<ProjectMemberView>,
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

/// The board: every task, column by column in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskList {
    pub tasks: Vec<TaskView>,
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
pub struct NotificationList {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    pub unread_count: i64,
}
