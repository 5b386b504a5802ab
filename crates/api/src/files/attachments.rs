//! Files attached to tasks: `/api/projects/{id}/task-files` (the whole board's) and
//! `/api/projects/{id}/tasks/{taskId}/files`.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use fluxstudio_files::TaskFileView;
use fluxstudio_store::DbId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{ApiError, ApiJson, AppState, ErrorBody, auth::extract::Authenticated, ids::path_id};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskFileList {
    /// By task, then in the order attached.
    pub items: Vec<TaskFileView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachBody {
    /// A file of the same project.
    pub file_id: Uuid,
}

fn ids(project: &str, task: &str) -> Result<(DbId, DbId), ApiError> {
    Ok((path_id(project, "project")?, path_id(task, "task")?))
}

/// Every file attached to the project's tasks, with each one's newest version and its review
/// state (for the board's cards).
#[utoipa::path(get, path = "/api/projects/{id}/task-files", tag = "files",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskFileList), (status = 404, body = ErrorBody)))]
pub async fn board(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(project): Path<String>,
) -> Result<Json<TaskFileList>, ApiError> {
    let project = path_id(&project, "project")?;
    let items = state.files().task_files(caller.user, project, None).await?;
    Ok(Json(TaskFileList { items }))
}

/// The files attached to a task.
#[utoipa::path(get, path = "/api/projects/{id}/tasks/{taskId}/files", tag = "files",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("taskId" = Uuid, Path)),
    responses((status = 200, body = TaskFileList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task)): Path<(String, String)>,
) -> Result<Json<TaskFileList>, ApiError> {
    let (project, task) = ids(&project, &task)?;
    let items = state
        .files()
        .task_files(caller.user, project, Some(task))
        .await?;
    Ok(Json(TaskFileList { items }))
}

/// Attach a file of the project to a task (the project's leads and editors); attaching it
/// again changes nothing. Boards hear `task:updated`.
#[utoipa::path(post, path = "/api/projects/{id}/tasks/{taskId}/files", tag = "files",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("taskId" = Uuid, Path)),
    request_body = AttachBody,
    responses((status = 200, description = "The task's files now.", body = TaskFileList),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "No such file in this project (`invalid_reference`).", body = ErrorBody)))]
pub async fn attach(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task)): Path<(String, String)>,
    ApiJson(body): ApiJson<AttachBody>,
) -> Result<Json<TaskFileList>, ApiError> {
    let (project, task) = ids(&project, &task)?;
    let items = state
        .files()
        .attach_to_task(caller.user, project, task, DbId(body.file_id))
        .await?;
    Ok(Json(TaskFileList { items }))
}

/// Take a file off a task (the project's leads and editors); the file stays in the project.
#[utoipa::path(delete, path = "/api/projects/{id}/tasks/{taskId}/files/{fileId}", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("taskId" = Uuid, Path), ("fileId" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn detach(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task, file)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let (project, task) = ids(&project, &task)?;
    let file = path_id(&file, "attachment")?;
    state
        .files()
        .detach_from_task(caller.user, project, task, file)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
