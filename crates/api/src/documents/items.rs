//! `/api/projects/{id}/documents` and `/api/documents/{id}`: creating, listing, reading,
//! renaming, deleting and exporting documents.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use fluxstudio_collab::{DocumentView, Format};
use fluxstudio_domain::Invalid;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::extract::Authenticated,
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT, PageQuery},
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TitleBody {
    /// 1 to 200 characters.
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentList {
    pub items: Vec<DocumentView>,
    pub next_cursor: Option<String>,
}

/// Create a document in a project (leads and editors).
#[utoipa::path(post, path = "/api/projects/{id}/documents", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = TitleBody,
    responses((status = 201, body = DocumentView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(project): Path<String>,
    ApiJson(body): ApiJson<TitleBody>,
) -> Result<(StatusCode, Json<DocumentView>), ApiError> {
    let project = path_id(&project, "project")?;
    let view = state
        .documents()
        .create(caller.user, project, &body.title)
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// A project's documents, the most recently changed first.
#[utoipa::path(get, path = "/api/projects/{id}/documents", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = DocumentList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(project): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<DocumentList>, ApiError> {
    let project = path_id(&project, "project")?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let after = pagination::cursor(query.cursor.as_deref())?;
    let mut items = state
        .documents()
        .list(caller.user, project, after, limit + 1)
        .await?;
    let next_cursor = pagination::trim(&mut items, limit, |d| d.id);
    Ok(Json(DocumentList { items, next_cursor }))
}

/// One document (its content is read over `/collab/{id}` or exported).
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DocumentView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let id = path_id(&id, "document")?;
    Ok(Json(state.documents().get(caller.user, id).await?))
}

/// Rename a document (leads and editors).
#[utoipa::path(patch, path = "/api/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = TitleBody,
    responses((status = 200, body = DocumentView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TitleBody>,
) -> Result<Json<DocumentView>, ApiError> {
    let id = path_id(&id, "document")?;
    Ok(Json(
        state
            .documents()
            .rename(caller.user, id, &body.title)
            .await?,
    ))
}

/// Delete a document and its history (leads and editors); whoever has it open is
/// disconnected.
#[utoipa::path(delete, path = "/api/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = path_id(&id, "document")?;
    state.documents().delete(caller.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `markdown`, `html` or `text`.
    pub format: String,
}

/// The document rendered on the server from its live content.
#[utoipa::path(get, path = "/api/documents/{id}/export", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path), ExportQuery),
    responses((status = 200, description = "The rendered document, in the format asked for",
            content((String = "text/markdown"), (String = "text/html"), (String = "text/plain"))),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "document")?;
    let format = Format::parse(&query.format)
        .ok_or_else(|| Invalid::new("format", "Export as markdown, html or text."))?;
    let (title, body) = state.documents().export(caller.user, id, format).await?;
    let disposition = format!(
        "attachment; filename=\"{}.{}\"",
        file_name(&title),
        format.extension()
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response())
}

/// A title as a file name: letters, digits, spaces, dashes and underscores.
fn file_name(title: &str) -> String {
    let name: String = title
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .collect();
    match name.trim() {
        "" => "document".to_owned(),
        name => name.to_owned(),
    }
}
