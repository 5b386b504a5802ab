//! `/api/documents/{id}/snapshots`: a document's versions, saving one, restoring one.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_collab::SnapshotView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::extract::Authenticated,
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT},
};

use crate::pagination::PageQuery;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotList {
    pub items: Vec<SnapshotView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NameBody {
    /// 1 to 100 characters.
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The content as it was just before the restore, saved as a version.
    pub backup: SnapshotView,
}

/// A document's versions, newest first: named ones and the server's automatic ones.
#[utoipa::path(get, path = "/api/documents/{id}/snapshots", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = SnapshotList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<SnapshotList>, ApiError> {
    let id = path_id(&id, "document")?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = pagination::cursor(query.cursor.as_deref())?;
    let mut items = state
        .documents()
        .snapshots(caller.user, id, before, limit + 1)
        .await?;
    let next_cursor = pagination::trim(&mut items, limit, |s| s.id);
    Ok(Json(SnapshotList { items, next_cursor }))
}

/// Save the current content as a named version (leads and editors).
#[utoipa::path(post, path = "/api/documents/{id}/snapshots", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = NameBody,
    responses((status = 201, body = SnapshotView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NameBody>,
) -> Result<(StatusCode, Json<SnapshotView>), ApiError> {
    let id = path_id(&id, "document")?;
    let view = state
        .documents()
        .save_version(caller.user, id, &body.name)
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Bring a version back as a new change: everyone editing sees it at once, and the
/// content it replaces is saved as a version first (leads and editors).
#[utoipa::path(post, path = "/api/documents/{id}/snapshots/{snapshotId}/restore", tag = "documents",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("snapshotId" = Uuid, Path)),
    responses((status = 200, body = Restored), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn restore(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, snapshot)): Path<(String, String)>,
) -> Result<Json<Restored>, ApiError> {
    let id = path_id(&id, "document")?;
    let snapshot = path_id(&snapshot, "snapshot")?;
    let backup = state.documents().restore(caller.user, id, snapshot).await?;
    Ok(Json(Restored { backup }))
}
