//! `/api/uploads`: resumable uploads in the tus 1.0.0 protocol (core, creation,
//! termination, expiration; <https://tus.io/protocols/resumable-upload>), so the official
//! `tus-js-client` resumes an upload after its connection, or the server, died. The work is
//! `fluxstudio_files::resumable`; here are the protocol's headers. `Upload-Metadata` names
//! the `filename` and either the `projectId` of a new file or the `fileId` of a new version.

use axum::{
    Json,
    extract::{Path, Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use base64::Engine;
use chrono::{DateTime, Utc};
use fluxstudio_domain::Invalid;
use fluxstudio_files::{FileError, NewResumable, Progress};
use fluxstudio_store::DbId;
use futures_util::StreamExt;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{ApiError, AppState, ErrorBody, auth::extract::Authenticated, ids::path_id};

const VERSION: &str = "1.0.0";
const EXTENSIONS: &str = "creation,termination,expiration";
const OFFSET_OCTETS: &str = "application/offset+octet-stream";

fn name(header: &'static str) -> HeaderName {
    HeaderName::from_static(header)
}

/// The headers every tus answer carries.
fn resumable(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(name("tus-resumable"), HeaderValue::from_static(VERSION));
    response
}

/// A tus answer, or its refusal, with the headers every tus answer carries.
fn answered(outcome: Result<Response, ApiError>) -> Response {
    resumable(outcome.unwrap_or_else(IntoResponse::into_response))
}

/// A request that does not speak tus 1.0.0 is refused before anything else: 400 when it
/// says no version, 412 (as tus has it) when it names another.
fn speaks_tus(headers: &HeaderMap) -> Result<(), ApiError> {
    match headers.get("tus-resumable") {
        Some(version) if version == VERSION => return Ok(()),
        Some(version) if !version.is_empty() => {}
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                "Send `Tus-Resumable: 1.0.0` with every request of a resumable upload.",
            )
            .with_field("Tus-Resumable"));
        }
    }
    Err(ApiError::new(
        StatusCode::PRECONDITION_FAILED,
        "tus_version_unsupported",
        "Send `Tus-Resumable: 1.0.0`: this server speaks tus 1.0.0.",
    )
    .with_headers(|headers| {
        headers.insert(name("tus-version"), HeaderValue::from_static(VERSION));
    }))
}

/// A header holding a whole number of bytes.
fn bytes_header(headers: &HeaderMap, header: &'static str) -> Result<u64, ApiError> {
    headers
        .get(header)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("Send `{header}` as a whole number of bytes."),
            )
            .with_field(header)
        })
}

/// `Upload-Metadata`: comma-separated `key base64(value)` pairs.
struct Metadata {
    filename: String,
    project: Option<DbId>,
    file: Option<DbId>,
}

fn metadata(headers: &HeaderMap) -> Result<Metadata, ApiError> {
    let invalid = |message: &str| Invalid::new("Upload-Metadata", message.to_owned());
    let raw = headers
        .get("upload-metadata")
        .map(|v| {
            v.to_str()
                .map_err(|_| invalid("Send the metadata in ASCII."))
        })
        .transpose()?
        .unwrap_or_default();
    let mut out = Metadata {
        filename: String::new(),
        project: None,
        file: None,
    };
    for pair in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once(' ').unwrap_or((pair, ""));
        let value = base64::engine::general_purpose::STANDARD
            .decode(value.trim())
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| invalid("Each value is UTF-8 text in base64."))?;
        let id = |what| {
            path_id(&value, what).map_err(|_| invalid("projectId and fileId are ids (UUIDs)."))
        };
        match key {
            "filename" => out.filename = value,
            "projectId" => out.project = Some(id("project")?),
            "fileId" => out.file = Some(id("file")?),
            // Clients add their own (`filetype`, say): not ours to refuse.
            _ => {}
        }
    }
    if out.filename.trim().is_empty() {
        return Err(invalid("Name the file (filename).").into());
    }
    Ok(out)
}

/// HTTP-date (RFC 9110), as `Upload-Expires` is written.
fn http_date(at: DateTime<Utc>) -> HeaderValue {
    HeaderValue::from_str(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// An answer with the upload's offset and expiry.
fn progress(status: StatusCode, progress: &Progress) -> Response {
    let mut response = status.into_response();
    let headers = response.headers_mut();
    headers.insert(name("upload-offset"), HeaderValue::from(progress.offset));
    headers.insert(
        name("upload-length"),
        HeaderValue::from(progress.ticket.length),
    );
    headers.insert(
        name("upload-expires"),
        http_date(progress.ticket.expires_at),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resumable(response)
}

fn upload_id(raw: &str) -> Result<Uuid, ApiError> {
    path_id(raw, "upload").map(|id| id.0)
}

/// The upload a request without other headers names, once it speaks tus 1.0.0: the path
/// first (a request for nothing is not found, whatever it speaks), then the version.
fn addressed(raw: &str, headers: &HeaderMap) -> Result<Uuid, ApiError> {
    let id = upload_id(raw)?;
    speaks_tus(headers)?;
    Ok(id)
}

/// What this server does of tus: its version, extensions and the largest upload.
#[utoipa::path(options, path = "/api/uploads", tag = "files",
    responses((status = 204, description = "`Tus-Version`, `Tus-Extension` and `Tus-Max-Size`.")))]
pub async fn capabilities(State(state): State<AppState>) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(name("tus-version"), HeaderValue::from_static(VERSION));
    headers.insert(name("tus-extension"), HeaderValue::from_static(EXTENSIONS));
    headers.insert(
        name("tus-max-size"),
        HeaderValue::from(state.files().settings().max_file_size),
    );
    resumable(response)
}

/// Make a resumable upload: a new file in a project (`projectId`), or a new version of a
/// file (`fileId`), of `Upload-Length` bytes; send them with `PATCH` to `Location`.
#[utoipa::path(post, path = "/api/uploads", tag = "files", security(("bearer" = [])),
    params(
        ("Tus-Resumable" = String, Header, description = "`1.0.0`."),
        ("Upload-Length" = String, Header, description = "The whole upload's length in bytes (at most `MAX_FILE_SIZE`)."),
        ("Upload-Metadata" = String, Header, description = "`filename`, and `projectId` (a new file) or `fileId` (a new version), each `key base64(value)`, comma-separated.")),
    responses(
        (status = 201, description = "Made: `Location` is where to send its bytes; `Upload-Expires` says until when."),
        (status = 400, description = "`Tus-Resumable` or `Upload-Length` is missing, or the length is not a number.", body = ErrorBody),
        (status = 403, description = "You may not upload there (`forbidden`), or uploads are off (`uploads_disabled`).", body = ErrorBody),
        (status = 404, description = "No such project or file (or not one you may see).", body = ErrorBody),
        (status = 412, description = "Another version of tus than 1.0.0 (`tus_version_unsupported`).", body = ErrorBody),
        (status = 413, description = "Longer than `MAX_FILE_SIZE` (`file_too_large`).", body = ErrorBody),
        (status = 422, description = "The metadata cannot be read or names nothing to upload to; or the length is 0 (`empty_file`).", body = ErrorBody),
        (status = 507, description = "The organization's storage quota has no room (`storage_quota_exceeded`).", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    headers: HeaderMap,
) -> Response {
    answered(
        async {
            // What is missing or unreadable first (400, 422), then the version (412).
            let length = bytes_header(&headers, "upload-length")?;
            let metadata = metadata(&headers)?;
            speaks_tus(&headers)?;
            let new = NewResumable {
                project: metadata.project,
                file: metadata.file,
                name: &metadata.filename,
                length,
            };
            let made = state.files().begin_resumable(caller.user, new).await?;
            let mut response = progress(StatusCode::CREATED, &made);
            let location = format!("/api/uploads/{}", made.ticket.id);
            let location = HeaderValue::from_str(&location).map_err(ApiError::internal)?;
            response.headers_mut().insert(header::LOCATION, location);
            Ok(response)
        }
        .await,
    )
}

/// Where an upload is (`Upload-Offset`), as tus asks it.
#[utoipa::path(head, path = "/api/uploads/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Tus-Resumable" = String, Header, description = "`1.0.0`.")),
    responses(
        (status = 200, description = "`Upload-Offset`, `Upload-Length`, `Upload-Expires`."),
        (status = 400, description = "No `Tus-Resumable`.", body = ErrorBody),
        (status = 404, description = "No such upload of yours, or it expired.", body = ErrorBody),
        (status = 412, description = "Another version of tus than 1.0.0.", body = ErrorBody)))]
pub async fn offset(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    answered(
        async {
            let id = addressed(&id, &headers)?;
            let now = state.files().resumable(caller.user, id).await?;
            Ok(progress(StatusCode::OK, &now))
        }
        .await,
    )
}

/// Send an upload's bytes from `Upload-Offset`; the last byte makes it its file or version.
#[utoipa::path(patch, path = "/api/uploads/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Tus-Resumable" = String, Header, description = "`1.0.0`."),
        ("Upload-Offset" = String, Header, description = "Where these bytes go: the offset the server holds.")),
    request_body(content = Vec<u8>, content_type = "application/offset+octet-stream"),
    responses(
        (status = 204, description = "Stored; `Upload-Offset` is where the upload now is."),
        (status = 400, description = "`Tus-Resumable` or `Upload-Offset` is missing, the offset is not a number, or the body broke off (`upload_incomplete`; what arrived is kept).", body = ErrorBody),
        (status = 403, description = "Whole, but you may no longer upload there (the upload is dropped).", body = ErrorBody),
        (status = 404, description = "No such upload of yours, or it expired.", body = ErrorBody),
        (status = 409, description = "Not the offset the server holds (`upload_offset_mismatch`), or another request is sending it (`upload_busy`).", body = ErrorBody),
        (status = 412, description = "Another version of tus than 1.0.0.", body = ErrorBody),
        (status = 413, description = "More bytes than `Upload-Length` (`file_too_large`).", body = ErrorBody),
        (status = 415, description = "Not `application/offset+octet-stream`; or, whole, not a type FluxStudio takes (`unsupported_file_type`; the upload is dropped).", body = ErrorBody),
        (status = 507, description = "Whole, but the organization's storage quota has no room (the upload is dropped).", body = ErrorBody)))]
pub async fn append(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let mut body = body.into_data_stream();
    let outcome = async {
        let headers = &parts.headers;
        // The path, then what is missing or unreadable, then the version (412).
        let id = upload_id(&id)?;
        let offset = bytes_header(headers, "upload-offset")?;
        let octets = headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(OFFSET_OCTETS.as_bytes()));
        if !octets {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!("Send the bytes as `{OFFSET_OCTETS}`."),
            ));
        }
        speaks_tus(headers)?;
        let now = state
            .files()
            .resume(caller.user, id, offset, &mut body)
            .await
            .map_err(|error| match error {
                // More bytes than the upload's length: cut off there, not read on.
                FileError::TooLarge { .. } => ApiError::from(error).with_headers(|h| {
                    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
                }),
                other => other.into(),
            })?;
        Ok(progress(StatusCode::NO_CONTENT, &now))
    }
    .await;
    if let Err(error) = &outcome
        && error.status != StatusCode::PAYLOAD_TOO_LARGE
    {
        // Refused before (or while) reading: read the rest, within the body limit, so the
        // client still sending hears the answer instead of a reset.
        while let Some(Ok(_)) = body.next().await {}
    }
    answered(outcome)
}

/// End an upload and drop what arrived of it.
#[utoipa::path(delete, path = "/api/uploads/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Tus-Resumable" = String, Header, description = "`1.0.0`.")),
    responses(
        (status = 204, description = "Gone."),
        (status = 400, description = "No `Tus-Resumable`.", body = ErrorBody),
        (status = 404, description = "No such upload of yours, or it expired.", body = ErrorBody),
        (status = 409, description = "Another request is sending it (`upload_busy`).", body = ErrorBody),
        (status = 412, description = "Another version of tus than 1.0.0.", body = ErrorBody)))]
pub async fn terminate(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    answered(
        async {
            let id = addressed(&id, &headers)?;
            state.files().cancel_resumable(caller.user, id).await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        .await,
    )
}

/// An upload as JSON (outside tus), for the web app to learn which file it became.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadView {
    pub id: Uuid,
    /// Bytes received so far.
    pub offset: u64,
    pub length: u64,
    pub expires_at: DateTime<Utc>,
    /// Once whole: the file it made, or made a new version of.
    pub file_id: Option<Uuid>,
    /// Once whole: that version's number.
    pub version: Option<i64>,
}

/// An upload of yours: how far it is and, once whole, the file and version it became.
#[utoipa::path(get, path = "/api/uploads/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = UploadView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<UploadView>, ApiError> {
    let id = path_id(&id, "upload")?;
    let now = state.files().resumable(caller.user, id.0).await?;
    let made = now.ticket.made;
    Ok(Json(UploadView {
        id: now.ticket.id,
        offset: now.offset,
        length: now.ticket.length,
        expires_at: now.ticket.expires_at,
        file_id: made.map(|(file, _)| file),
        version: made.map(|(_, number)| number),
    }))
}
