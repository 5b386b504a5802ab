//! `/api/projects/{id}/files` (the list) and `/api/files/{id}`: reading, renaming and
//! deleting files, and listing their versions.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_domain::FileFamily;
use fluxstudio_files::{FileQuery, FileView, VersionView};
use fluxstudio_store::files::FileOrder;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::extract::Authenticated,
    ids::path_id,
    pagination::{self, DEFAULT_LIMIT, MAX_LIMIT},
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileListQuery {
    /// Only files of this kind.
    #[param(value_type = Option<String>)]
    pub kind: Option<String>,
    /// Only files whose name has this in it, in any case.
    pub q: Option<String>,
    /// `date` (of the newest version, the default), `name` or `size`.
    #[param(value_type = Option<String>)]
    pub sort: Option<String>,
    /// `desc` (the default for `date` and `size`) or `asc` (the default for `name`).
    #[param(value_type = Option<String>)]
    pub order: Option<String>,
    /// At most this many items (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `nextCursor` of the previous page (with the same filters and order).
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// The sort words, with the order each defaults to.
const SORTS: &[(&str, FileOrder, bool)] = &[
    ("date", FileOrder::Date, true),
    ("name", FileOrder::Name, false),
    ("size", FileOrder::Size, true),
];
pub const SORT_WORDS: &[&str] = &["date", "name", "size"];
pub const ORDER_WORDS: &[&str] = &["asc", "desc"];

impl FileListQuery {
    fn read(&self) -> Result<(FileQuery<'_>, i64), ApiError> {
        let limit = pagination::limit(self.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
        let after = pagination::cursor(self.cursor.as_deref())?;
        let family = self
            .kind
            .as_deref()
            .map(str::parse::<FileFamily>)
            .transpose()?;
        let word = |field: &'static str, value: &str, words: &[&str]| {
            fluxstudio_domain::Invalid::new(
                field,
                format!("\"{value}\" is not one of: {}.", words.join(", ")),
            )
        };
        let (order, mut descending) = match self.sort.as_deref() {
            None => (FileOrder::Date, true),
            Some(sort) => SORTS
                .iter()
                .find(|(word, _, _)| *word == sort)
                .map(|(_, order, descending)| (*order, *descending))
                .ok_or_else(|| word("sort", sort, SORT_WORDS))?,
        };
        match self.order.as_deref() {
            None => {}
            Some("asc") => descending = false,
            Some("desc") => descending = true,
            Some(other) => return Err(word("order", other, ORDER_WORDS).into()),
        }
        let text = self
            .q
            .as_deref()
            .map(fluxstudio_domain::text::search)
            .transpose()?
            .map(str::trim)
            .filter(|q| !q.is_empty());
        let query = FileQuery {
            family,
            text,
            order,
            descending,
            after,
            fetch: limit + 1,
        };
        Ok((query, limit))
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileList {
    pub items: Vec<FileView>,
    pub next_cursor: Option<String>,
}

/// A project's files, each with its newest version: by date, name or size, one kind, or
/// those whose name has some text in it.
#[utoipa::path(get, path = "/api/projects/{id}/files", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), FileListQuery),
    responses((status = 200, body = FileList), (status = 404, body = ErrorBody),
        (status = 409, description = "The file the cursor continues from is gone (`invalid_reference`, `cursor`): list again from the start.", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(project): Path<String>,
    Query(query): Query<FileListQuery>,
) -> Result<Json<FileList>, ApiError> {
    let project = path_id(&project, "project")?;
    let (query, limit) = query.read()?;
    let mut items = state.files().list(caller.user, project, &query).await?;
    let next_cursor = pagination::trim(&mut items, limit, |file| file.id);
    Ok(Json(FileList { items, next_cursor }))
}

/// A file, with its newest version.
#[utoipa::path(get, path = "/api/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = FileView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<FileView>, ApiError> {
    let id = path_id(&id, "file")?;
    Ok(Json(state.files().get(caller.user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileNameBody {
    /// The name to show (control and invisible characters are dropped; at most 255 bytes
    /// are kept).
    pub name: String,
}

/// Rename a file (the project's leads and editors, and whoever uploaded it).
#[utoipa::path(patch, path = "/api/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = FileNameBody,
    responses((status = 200, body = FileView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<FileNameBody>,
) -> Result<Json<FileView>, ApiError> {
    let id = path_id(&id, "file")?;
    Ok(Json(
        state.files().rename(caller.user, id, &body.name).await?,
    ))
}

/// Delete a file and all its versions (the project's leads and editors, and whoever
/// uploaded it).
#[utoipa::path(delete, path = "/api/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = path_id(&id, "file")?;
    state.files().delete(caller.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VersionList {
    /// The newest first.
    pub items: Vec<VersionView>,
}

/// A file's versions, the newest first.
#[utoipa::path(get, path = "/api/files/{id}/versions", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = VersionList), (status = 404, body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<VersionList>, ApiError> {
    let id = path_id(&id, "file")?;
    let items = state.files().versions(caller.user, id).await?;
    Ok(Json(VersionList { items }))
}

/// What an organization's files take, and the room it has.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StorageView {
    /// The bytes of every version of every file in its projects (the same bytes in two
    /// files count twice, as the quota counts them).
    pub used_bytes: u64,
    /// `STORAGE_QUOTA_MB` in bytes, when the server sets one.
    pub quota_bytes: Option<u64>,
}

/// What an organization's files take of its storage quota (its members).
#[utoipa::path(get, path = "/api/organizations/{id}/storage", tag = "files",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = StorageView), (status = 404, body = ErrorBody)))]
pub async fn storage(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<StorageView>, ApiError> {
    let id = path_id(&id, "organization")?;
    let (used_bytes, quota_bytes) = state.files().usage(caller.user, id).await?;
    Ok(Json(StorageView {
        used_bytes,
        quota_bytes,
    }))
}
