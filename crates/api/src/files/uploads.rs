//! Uploads in a `multipart/form-data` form with one part, `file`, streamed to the blob
//! store as it arrives. Who may upload, and whether the quota has room for the declared
//! length, is settled before the body is read; a length over the server's limit is
//! refused before that, by the body limit (`crate::limit`).

use axum::{
    Json,
    body::{Body, BodyDataStream},
    extract::{Path, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
};
use fluxstudio_files::{Destination, FileError, FileView};
use fluxstudio_store::DbId;
use futures_util::TryStreamExt;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    documented::FormRefusals,
    form::{self, Form, FormError},
};
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
    responses((status = 201, body = FileView), FormRefusals,
        (status = 403, description = "You may not upload here (`forbidden`), or uploads are off (`uploads_disabled`).", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 507, description = "The organization's storage quota has no room (`storage_quota_exceeded`).", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(project): Path<String>,
    request: Request,
) -> Result<(StatusCode, Json<FileView>), ApiError> {
    let project = path_id(&project, "project")?;
    let (parts, body) = request.into_parts();
    let to = state
        .files()
        .to_project(caller.user, project, declared(&parts.headers))
        .await;
    receive(&state, caller.user, to, &parts.headers, body).await
}

/// Upload a new version of a file (the project's leads and editors, and whoever uploaded
/// the file). The file keeps its name; its kind follows the new version.
#[utoipa::path(post, path = "/api/files/{id}/versions", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FileView), FormRefusals,
        (status = 403, description = "You may not change this file (`forbidden`), or uploads are off (`uploads_disabled`).", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 507, description = "The organization's storage quota has no room (`storage_quota_exceeded`).", body = ErrorBody)))]
pub async fn upload_version(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    request: Request,
) -> Result<(StatusCode, Json<FileView>), ApiError> {
    let id = path_id(&id, "file")?;
    let (parts, body) = request.into_parts();
    let to = state
        .files()
        .to_file(caller.user, id, declared(&parts.headers))
        .await;
    receive(&state, caller.user, to, &parts.headers, body).await
}

/// Reads the form's first part, which must be the file, and streams it to its destination
/// (when the caller may send it there).
///
/// A refusal reads the rest of the body first (within the body limit) so the client, still
/// sending, hears it: an answer before the body is read, then a closed connection, reaches
/// most clients as a reset instead. The exception is a file over the limit, which is cut off
/// there with `Connection: close`: reading on would read past the limit.
///
/// `put` stores the file's stream, named as sent, at `to`: a project's file or version
/// ([`Files::receive`](fluxstudio_files::Files::receive)), or a file sent into a
/// conversation.
pub(crate) async fn receive_form<D, V>(
    state: &AppState,
    to: Result<D, ApiError>,
    headers: &HeaderMap,
    body: Body,
    put: impl AsyncFnOnce(D, String, FormFile<'_>) -> Result<V, FileError>,
) -> Result<(StatusCode, Json<V>), ApiError> {
    let (to, boundary) = match (to, boundary(headers)) {
        (Ok(to), Ok(boundary)) => (to, boundary),
        (Err(error), _) => return Err(drained(body.into_data_stream(), error).await),
        (_, Err(error)) => return Err(drained(body.into_data_stream(), error).await),
    };
    let mut form = Form::new(body.into_data_stream(), &boundary);
    let part = match form.first_part().await {
        Ok(Some(part)) if part.name.as_deref() == Some("file") => part,
        Ok(_) => {
            let error = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Send the file as the form's first part, named `file`.",
            )
            .with_field("file");
            form.drain().await;
            return Err(error);
        }
        Err(error) => return Err(unreadable(&error)),
    };
    let name = part.file_name.unwrap_or_default();
    // The body limit refuses a whole frame that crosses it, which a large frame does before
    // the file's own count sees a byte past `MAX_FILE_SIZE`: that is a file too large too.
    let mut past_limit = false;
    let received = {
        let file = form
            .data()
            .inspect_err(|error| past_limit |= past_the_limit(error));
        put(to, name, Box::pin(file)).await
    };
    match received {
        Ok(view) => Ok((StatusCode::CREATED, Json(view))),
        Err(FileError::BrokeOff(_)) if past_limit => Err(too_large(FileError::TooLarge {
            limit: state.files().settings().max_file_size,
        })),
        Err(error @ FileError::TooLarge { .. }) => Err(too_large(error)),
        Err(error) => {
            form.drain().await;
            Err(error.into())
        }
    }
}

/// The file part of an upload form, as it streams in.
pub(crate) type FormFile<'a> = std::pin::Pin<
    Box<dyn futures_util::Stream<Item = Result<axum::body::Bytes, FormError>> + Send + 'a>,
>;

/// [`receive_form`] into a project's file or version.
async fn receive(
    state: &AppState,
    user: DbId,
    to: Result<Destination, FileError>,
    headers: &HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<FileView>), ApiError> {
    let to = to.map_err(ApiError::from);
    receive_form(state, to, headers, body, async |to, name, file| {
        state.files().receive(user, to, &name, file).await
    })
    .await
}

/// A file over the limit, cut off there: reading on would read past it.
fn too_large(error: FileError) -> ApiError {
    ApiError::from(error).with_headers(|h| {
        h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    })
}

/// Whether the form broke off at the body limit (somewhere in `error`'s sources).
fn past_the_limit(error: &FormError) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = source {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = error.source();
    }
    false
}

/// `error`, once the rest of `body` was read and dropped.
async fn drained(body: BodyDataStream, error: ApiError) -> ApiError {
    form::drain(body).await;
    error
}

/// The form's boundary, from a `multipart/form-data` content type.
fn boundary(headers: &HeaderMap) -> Result<String, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    form::boundary(content_type).ok_or_else(|| {
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

fn unreadable(error: &FormError) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "bad_request",
        format!("The form cannot be read: {error}."),
    )
}
