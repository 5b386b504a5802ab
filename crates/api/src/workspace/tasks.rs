//! `/api/projects/{id}/tasks`: the board, and each task on it.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::NaiveDate;
use fluxstudio_domain::TaskStatus;
use fluxstudio_store::DbId;
use fluxstudio_workspace::{NewTaskRequest, TaskChangeRequest, TaskView};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{optional::present, views::TaskList};
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
};

/// The board: every task of the project, column by column, in order.
#[utoipa::path(get, path = "/api/projects/{id}/tasks", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskList), (status = 404, body = ErrorBody)))]
pub async fn board(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<TaskList>, ApiError> {
    let id = path_id(&id, "project")?;
    let rows = state.workspace().board(caller.user, id).await?;
    Ok(Json(TaskList { tasks: rows }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewTaskBody {
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// The column; default `todo`. New tasks go to the bottom.
    pub status: Option<String>,
    /// Default `medium`.
    pub priority: Option<String>,
    /// Must be a member of the project.
    pub assignee_id: Option<Uuid>,
    /// A milestone of the same project.
    pub milestone_id: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Add a task (leads and editors). The assignee is notified.
#[utoipa::path(post, path = "/api/projects/{id}/tasks", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = NewTaskBody,
    responses((status = 201, body = TaskView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewTaskBody>,
) -> Result<(StatusCode, Json<TaskView>), ApiError> {
    let id = path_id(&id, "project")?;
    let request = NewTaskRequest {
        title: &body.title,
        description: body.description.as_deref(),
        status: body.status.as_deref(),
        priority: body.priority.as_deref(),
        assignee: body.assignee_id.map(DbId),
        milestone: body.milestone_id.map(DbId),
        due_date: body.due_date,
        tags: body.tags,
    };
    let task = state
        .workspace()
        .create_task(caller.user, id, request)
        .await?;
    Ok((StatusCode::CREATED, Json(task)))
}

/// One task.
#[utoipa::path(get, path = "/api/projects/{id}/tasks/{taskId}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("taskId" = Uuid, Path)),
    responses((status = 200, body = TaskView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, task)): Path<(String, String)>,
) -> Result<Json<TaskView>, ApiError> {
    let id = path_id(&id, "project")?;
    let task = path_id(&task, "task")?;
    Ok(Json(state.workspace().task(caller.user, id, task).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskChangeBody {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    /// Moving to another column this way puts the task at its bottom; use `…/move` to
    /// choose the place.
    pub status: Option<String>,
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub milestone_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
    pub tags: Option<Vec<String>>,
}

/// Edit a task (leads and editors).
#[utoipa::path(patch, path = "/api/projects/{id}/tasks/{taskId}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("taskId" = Uuid, Path)), request_body = TaskChangeBody,
    responses((status = 200, body = TaskView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, task)): Path<(String, String)>,
    ApiJson(body): ApiJson<TaskChangeBody>,
) -> Result<Json<TaskView>, ApiError> {
    let id = path_id(&id, "project")?;
    let task = path_id(&task, "task")?;
    // Every field is read before anything is written: a bad status changes nothing.
    let status = body
        .status
        .as_deref()
        .map(str::parse::<TaskStatus>)
        .transpose()?;
    let workspace = state.workspace();
    let change = TaskChangeRequest {
        title: body.title.as_deref(),
        description: body.description.as_ref().map(|d| d.as_deref()),
        priority: body.priority.as_deref(),
        assignee: body.assignee_id.map(|a| a.map(DbId)),
        milestone: body.milestone_id.map(|m| m.map(DbId)),
        due_date: body.due_date,
        tags: body.tags,
    };
    let mut row = workspace.update_task(caller.user, id, task, change).await?;
    if let Some(status) = status
        && status != row.status
    {
        row = workspace
            .move_task(caller.user, id, task, status.as_str(), usize::MAX)
            .await?;
    }
    Ok(Json(row))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    /// The column to move to.
    pub status: String,
    /// The place in that column, 0 for the top; past the end means the bottom.
    #[serde(deserialize_with = "crate::json::non_negative_whole")]
    #[schema(value_type = u64)]
    pub index: i64,
}

/// Move a task between or within columns (leads and editors).
#[utoipa::path(post, path = "/api/projects/{id}/tasks/{taskId}/move", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("taskId" = Uuid, Path)), request_body = MoveBody,
    responses((status = 200, body = TaskView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_task(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, task)): Path<(String, String)>,
    ApiJson(body): ApiJson<MoveBody>,
) -> Result<Json<TaskView>, ApiError> {
    let id = path_id(&id, "project")?;
    let task = path_id(&task, "task")?;
    let row = state
        .workspace()
        .move_task(
            caller.user,
            id,
            task,
            &body.status,
            usize::try_from(body.index).unwrap_or(usize::MAX),
        )
        .await?;
    Ok(Json(row))
}

/// Delete a task (leads and editors).
#[utoipa::path(delete, path = "/api/projects/{id}/tasks/{taskId}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("taskId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, task)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "project")?;
    let task = path_id(&task, "task")?;
    state.workspace().delete_task(caller.user, id, task).await?;
    Ok(Json(Done::says("Task deleted.")))
}
