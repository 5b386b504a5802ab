//! Comments on a version of a file (design review): `/api/files/{id}/versions/{number}/comments`
//! to read and add them, `/api/files/{id}/comments/{commentId}` to change and delete one.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_files::{
    AskedPin, CommentChange, NewReviewComment, review::views::ReviewCommentView,
};
use fluxstudio_store::DbId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::version_number;
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::extract::Authenticated,
    ids::path_id,
    pagination::{self, PageQuery},
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewCommentList {
    /// Threads' first comments and their replies together, oldest first.
    pub items: Vec<ReviewCommentView>,
    pub next_cursor: Option<String>,
}

/// Where to pin a thread: a point of the version's image, or a rectangle from it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinBody {
    /// Across the image, from 0 (left edge) to 1 (right edge).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub x: f64,
    /// Down the image, from 0 (top edge) to 1 (bottom edge).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub y: f64,
    /// A rectangle's width (with `height`), keeping it on the image: `x + width` at most 1.
    #[schema(exclusive_minimum = 0.0, maximum = 1.0)]
    pub width: Option<f64>,
    /// A rectangle's height (with `width`): `y + height` at most 1.
    #[schema(exclusive_minimum = 0.0, maximum = 1.0)]
    pub height: Option<f64>,
    /// A PDF's page, from 1 (only for a PDF).
    #[schema(minimum = 1)]
    pub page: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewCommentBody {
    /// Markdown, 1–5000 characters.
    pub body: String,
    /// People on the project to notify.
    #[serde(default)]
    pub mentions: Vec<Uuid>,
    /// The thread's first comment, for a reply.
    pub parent_id: Option<Uuid>,
    /// Where to pin a new thread (a reply is not pinned).
    pub pin: Option<PinBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewCommentChange {
    /// New Markdown text (the author only), 1–5000 characters.
    pub body: Option<String>,
    /// Resolve (`true`) or reopen (`false`) the thread (its first comment only).
    pub resolved: Option<bool>,
}

fn ids(file: &str, number: &str) -> Result<(DbId, i64), ApiError> {
    Ok((path_id(file, "file")?, version_number(number)?))
}

/// A version's comments, oldest first (anyone who may see the project).
#[utoipa::path(get, path = "/api/files/{id}/versions/{number}/comments", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number."), PageQuery),
    responses((status = 200, body = ReviewCommentList), (status = 404, body = ErrorBody),
        (status = 409, description = "The cursor's comment is not on this version (`invalid_reference`).", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, number)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ReviewCommentList>, ApiError> {
    let (file, number) = ids(&file, &number)?;
    let (limit, after) = query.read()?;
    let mut items = state
        .files()
        .review_comments(caller.user, file, number, after, limit + 1)
        .await?;
    let next_cursor = pagination::trim(&mut items, limit, |c| c.id);
    Ok(Json(ReviewCommentList { items, next_cursor }))
}

/// Comment on a version: a new thread, pinned to a point or a rectangle or not, or a reply
/// (the project's leads, editors and reviewers). Mentioned people, the version's uploader
/// and the thread's author are notified; the project's room hears `review:comment`.
#[utoipa::path(post, path = "/api/files/{id}/versions/{number}/comments", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number.")),
    request_body = ReviewCommentBody,
    responses((status = 201, body = ReviewCommentView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`parentId` is not a thread's first comment on this version, or someone mentioned is not on the project (`invalid_reference`).", body = ErrorBody),
        (status = 422, description = "The body is blank or too long, the pin is off the image, half a rectangle, on a reply, or on a page of a file that is not a PDF.", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, number)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReviewCommentBody>,
) -> Result<(StatusCode, Json<ReviewCommentView>), ApiError> {
    let (file, number) = ids(&file, &number)?;
    let new = NewReviewComment {
        body: &body.body,
        mentions: body.mentions.into_iter().map(DbId).collect(),
        parent: body.parent_id.map(DbId),
        pin: body.pin.map(|pin| AskedPin {
            x: pin.x,
            y: pin.y,
            width: pin.width,
            height: pin.height,
            page: pin.page,
        }),
    };
    let comment = state
        .files()
        .add_review_comment(caller.user, file, number, new)
        .await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

/// Change a comment: its text (its author), or resolve or reopen its thread (anyone who may
/// comment; a thread's first comment only).
#[utoipa::path(patch, path = "/api/files/{id}/comments/{commentId}", tag = "files",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("commentId" = Uuid, Path)),
    request_body = ReviewCommentChange,
    responses((status = 200, body = ReviewCommentView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "Nothing to change, a blank or too long body, or `resolved` on a reply.", body = ErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, comment)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReviewCommentChange>,
) -> Result<Json<ReviewCommentView>, ApiError> {
    let file = path_id(&file, "file")?;
    let comment = path_id(&comment, "comment")?;
    let change = CommentChange {
        body: body.body.as_deref(),
        resolved: body.resolved,
    };
    Ok(Json(
        state
            .files()
            .change_review_comment(caller.user, file, comment, change)
            .await?,
    ))
}

/// Delete your comment (a tombstone stays in its thread).
#[utoipa::path(delete, path = "/api/files/{id}/comments/{commentId}", tag = "files",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("commentId" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, comment)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let file = path_id(&file, "file")?;
    let comment = path_id(&comment, "comment")?;
    state
        .files()
        .delete_review_comment(caller.user, file, comment)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
