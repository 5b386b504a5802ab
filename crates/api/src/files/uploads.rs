//! Uploads in a `multipart/form-data` form with one part, `file`, streamed to the blob
//! store as it arrives. Who may upload, and whether the quota has room for the declared
//! length, is settled before the body is read; a length over the server's limit is
//! refused before that, by the body limit (`crate::limit`).

use axum::{
    Json,
    body::Body,
    extract::{Path, Request, State},
    http::{HeaderMap, StatusCode, header},
};
use fluxstudio_files::{Destination, FileView};
use fluxstudio_store::DbId;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState, ErrorBody, auth::extract::Authenticated, ids::path_id};

/// The form: one part named `file`, whose `filename` names the file.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Read part by part from the stream; the struct states the form.
pub struct UploadForm {
    /// The file's bytes (at most `MAX_FILE_SIZE`), with its name as the part's `filename`.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Upload a file into a project (leads and editors). Its type is told from its bytes.
#[utoipa::path(post, path = "/api/projects/{id}/files", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FileView),
        (status = 400, description = "The form cannot be read, or the upload broke off (`bad_request`, `upload_incomplete`).", body = ErrorBody),
        (status = 403, description = "You may not upload here (`forbidden`), or uploads are off (`uploads_disabled`).", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 413, description = "The file is larger than `MAX_FILE_SIZE` (`file_too_large`).", body = ErrorBody),
        (status = 415, description = "Not a form (`unsupported_media_type`), or not a type FluxStudio takes (`unsupported_file_type`; the message lists them).", body = ErrorBody),
        (status = 422, description = "No `file` part, or the file is empty (`empty_file`).", body = ErrorBody),
        (status = 507, description = "The organization's storage quota has no room (`storage_quota_exceeded`).", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(project): Path<String>,
    request: Request,
) -> Result<(StatusCode, Json<FileView>), ApiError> {
    let project = path_id(&project, "project")?;
    let to = state
        .files()
        .to_project(caller.user, project, declared(request.headers()))
        .await?;
    let boundary = boundary(request.headers())?;
    receive(&state, caller.user, to, boundary, request.into_body()).await
}

/// Upload a new version of a file (the project's leads and editors, and whoever uploaded
/// the file). The file keeps its name; its kind follows the new version.
#[utoipa::path(post, path = "/api/files/{id}/versions", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FileView),
        (status = 400, description = "The form cannot be read, or the upload broke off (`bad_request`, `upload_incomplete`).", body = ErrorBody),
        (status = 403, description = "You may not change this file (`forbidden`), or uploads are off (`uploads_disabled`).", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 413, description = "The file is larger than `MAX_FILE_SIZE` (`file_too_large`).", body = ErrorBody),
        (status = 415, description = "Not a form (`unsupported_media_type`), or not a type FluxStudio takes (`unsupported_file_type`; the message lists them).", body = ErrorBody),
        (status = 422, description = "No `file` part, or the file is empty (`empty_file`).", body = ErrorBody),
        (status = 507, description = "The organization's storage quota has no room (`storage_quota_exceeded`).", body = ErrorBody)))]
pub async fn upload_version(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    request: Request,
) -> Result<(StatusCode, Json<FileView>), ApiError> {
    let id = path_id(&id, "file")?;
    let to = state
        .files()
        .to_file(caller.user, id, declared(request.headers()))
        .await?;
    let boundary = boundary(request.headers())?;
    receive(&state, caller.user, to, boundary, request.into_body()).await
}

/// Reads the form's first part, which must be the file, and streams it to its destination.
async fn receive(
    state: &AppState,
    user: DbId,
    to: Destination,
    boundary: String,
    body: Body,
) -> Result<(StatusCode, Json<FileView>), ApiError> {
    let mut form = multer::Multipart::new(body.into_data_stream(), boundary);
    let field = form
        .next_field()
        .await
        .map_err(|error| unreadable(&error))?
        .filter(|field| field.name() == Some("file"))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Send the file as the form's first part, named `file`.",
            )
            .with_field("file")
        })?;
    let name = field.file_name().unwrap_or_default().to_owned();
    let view = state.files().receive(user, to, &name, field).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The form's boundary, from a `multipart/form-data` content type.
fn boundary(headers: &HeaderMap) -> Result<String, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    multer::parse_boundary(content_type).map_err(|_| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the file in a multipart/form-data form, as its part `file`.",
        )
    })
}

/// The request's declared length.
fn declared(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
}

fn unreadable(error: &multer::Error) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "bad_request",
        format!("The form cannot be read: {error}."),
    )
}
