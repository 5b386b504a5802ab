//! `/api/projects/{id}/tasks/{taskId}/comments`.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_store::DbId;
use fluxstudio_workspace::CommentView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT, PageQuery},
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommentList {
    pub items: Vec<CommentView>,
    pub next_cursor: Option<String>,
}

fn ids(project: &str, task: &str) -> Result<(DbId, DbId), ApiError> {
    Ok((path_id(project, "project")?, path_id(task, "task")?))
}

/// A task's comments, oldest first.
#[utoipa::path(get, path = "/api/projects/{id}/tasks/{taskId}/comments", tag = "projects",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("taskId" = Uuid, Path), PageQuery),
    responses((status = 200, body = CommentList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Json<CommentList>, ApiError> {
    let (project, task) = ids(&project, &task)?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let after = pagination::cursor(query.cursor.as_deref())?;
    let mut rows = state
        .workspace()
        .comments(caller.user, project, task, after, limit + 1)
        .await?;
    let next = pagination::trim(&mut rows, limit, |c| c.id);
    Ok(Json(CommentList {
        items: rows,
        next_cursor: next,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    /// Markdown, 1–5000 characters.
    pub body: String,
    /// People on the project to notify.
    #[serde(default)]
    pub mentions: Vec<Uuid>,
}

/// Comment on a task (everyone on the project but viewers).
#[utoipa::path(post, path = "/api/projects/{id}/tasks/{taskId}/comments", tag = "projects",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("taskId" = Uuid, Path)), request_body = CommentBody,
    responses((status = 201, body = CommentView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task)): Path<(String, String)>,
    ApiJson(body): ApiJson<CommentBody>,
) -> Result<(StatusCode, Json<CommentView>), ApiError> {
    let (project, task) = ids(&project, &task)?;
    let mentions = body.mentions.into_iter().map(DbId).collect();
    let comment = state
        .workspace()
        .comment(caller.user, project, task, &body.body, mentions)
        .await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentEdit {
    pub body: String,
}

/// Edit your comment.
#[utoipa::path(patch, path = "/api/projects/{id}/tasks/{taskId}/comments/{commentId}", tag = "projects",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("taskId" = Uuid, Path), ("commentId" = Uuid, Path)),
    request_body = CommentEdit,
    responses((status = 200, body = CommentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task, comment)): Path<(String, String, String)>,
    ApiJson(body): ApiJson<CommentEdit>,
) -> Result<Json<CommentView>, ApiError> {
    let (project, task) = ids(&project, &task)?;
    let comment = path_id(&comment, "comment")?;
    let row = state
        .workspace()
        .edit_comment(caller.user, project, task, comment, &body.body)
        .await?;
    Ok(Json(row))
}

/// Delete your comment (a tombstone stays in the thread).
#[utoipa::path(delete, path = "/api/projects/{id}/tasks/{taskId}/comments/{commentId}", tag = "projects",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("taskId" = Uuid, Path), ("commentId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((project, task, comment)): Path<(String, String, String)>,
) -> Result<Json<Done>, ApiError> {
    let (project, task) = ids(&project, &task)?;
    let comment = path_id(&comment, "comment")?;
    state
        .workspace()
        .delete_comment(caller.user, project, task, comment)
        .await?;
    Ok(Json(Done::says("Comment deleted.")))
}
