//! `GET /api/files/{id}/versions/{number}/content`: a version's bytes, for whoever may see
//! the project. Ranges (206), the SHA-256 as a strong `ETag` (304 on `If-None-Match`), and
//! a browser kept from running what it downloads: types that could carry script (SVG) or
//! that it might guess at are sent as attachments under `Content-Security-Policy: sandbox`.

use axum::{
    body::Body,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use fluxstudio_files::{PreviewSize, kinds, names};

use super::documented::{Download, DownloadHeaders};
use super::ranges::{Wanted, wanted};
use super::version_number;
use crate::{ApiError, AppState, ErrorBody, auth::extract::Authenticated, ids::path_id};

/// Download one version of a file: all of it, or the one byte range `Range` asks for.
#[utoipa::path(get, path = "/api/files/{id}/versions/{number}/content", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number."),
        DownloadHeaders),
    responses(Download, (status = 404, body = ErrorBody)))]
pub async fn content(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, number)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "file")?;
    let number = version_number(&number)?;
    let (file, version) = state.files().version(caller.user, id, number).await?;
    let blob = Blob {
        sha256: &version.sha256,
        size: version.size,
        mime: &version.mime,
        name: &file.name,
        family: file.family,
    };
    serve(&state, blob, &headers).await
}

/// Bytes to download, as stored.
pub struct Blob<'a> {
    pub sha256: &'a str,
    pub size: i64,
    pub mime: &'a str,
    /// As the uploader typed it: the download's name is made safe from it.
    pub name: &'a str,
    pub family: fluxstudio_domain::FileFamily,
}

/// Sends `blob` as `headers` ask: whole, one range (206), or 304 for a copy held already.
pub async fn serve(
    state: &AppState,
    blob: Blob<'_>,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let etag = format!("\"{}\"", blob.sha256);
    if matches(headers.get(header::IF_NONE_MATCH), &etag) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        described(response.headers_mut(), &etag, None);
        return Ok(response);
    }
    let size = u64::try_from(blob.size).unwrap_or(0);
    // A range of other bytes (`If-Range` naming another ETag) is no range at all.
    let range_applies = headers
        .get(header::IF_RANGE)
        .is_none_or(|value| value.as_bytes() == etag.as_bytes());
    let range = headers
        .get(header::RANGE)
        .filter(|_| range_applies)
        .and_then(|value| value.to_str().ok());
    let (status, part) = match wanted(range, size) {
        Wanted::Whole => (StatusCode::OK, None),
        Wanted::Part(part) => (StatusCode::PARTIAL_CONTENT, Some(part)),
        Wanted::Unsatisfiable => {
            return Err(ApiError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "range_not_satisfiable",
                format!("The file has {size} bytes; ask for a range inside them."),
            )
            .with_headers(|headers| {
                if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                    headers.insert(header::CONTENT_RANGE, value);
                }
            }));
        }
    };
    let pieces = state
        .files()
        .blobs()
        .read(blob.sha256, part.clone())
        .await
        .map_err(ApiError::internal)?;
    let mut response = Response::new(Body::from_stream(pieces));
    *response.status_mut() = status;
    let inline = kinds::shown_inline(blob.family);
    let headers = response.headers_mut();
    described(headers, &etag, Some(blob.mime));
    let length = part.as_ref().map_or(size, |range| range.end - range.start);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if let Some(range) = &part {
        let value = format!("bytes {}-{}/{size}", range.start, range.end - 1);
        headers.insert(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&value).map_err(ApiError::internal)?,
        );
    }
    let disposition = names::content_disposition(blob.name, inline);
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(ApiError::internal)?,
    );
    if !inline {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("sandbox; default-src 'none'"),
        );
    }
    Ok(response)
}

/// The headers a download and its 304 share: the validator, how it may be cached, that it
/// is served in ranges, and (for a body) its type.
fn described(headers: &mut HeaderMap, etag: &str, mime: Option<&str>) {
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    // Kept by the browser only, and asked again each time (the 304 is cheap).
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Some(mime) = mime.and_then(|mime| HeaderValue::from_str(mime).ok()) {
        headers.insert(header::CONTENT_TYPE, mime);
    }
}

/// Whether `If-None-Match` names `etag` (or is `*`); weak tags compare by their value.
fn matches(header: Option<&HeaderValue>, etag: &str) -> bool {
    let Some(value) = header.and_then(|value| value.to_str().ok()) else {
        return false;
    };
    value
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PreviewQuery {
    /// `small` (256 pixels on its longest side, the default) or `large` (1024).
    #[param(value_type = Option<String>)]
    pub size: Option<String>,
    /// A PDF's page, from 1 (the default); past the first only `large`, up to the 30th.
    #[param(minimum = 1)]
    pub page: Option<u32>,
}

pub const PREVIEW_SIZES: &[&str] = &["small", "large"];

/// A version's preview: a JPEG of the image, the SVG or a PDF's page, its longest side 256
/// (`small`) or 1024 (`large`) pixels. Only for versions whose `preview` is `ready`.
#[utoipa::path(get, path = "/api/files/{id}/versions/{number}/preview", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number."),
        PreviewQuery),
    responses(
        (status = 200, description = "The JPEG; it never changes, so it may be kept.", content_type = "image/jpeg", body = Vec<u8>),
        (status = 304, description = "Your copy is this preview."),
        (status = 404, description = "No such file or version, or it has no such preview (`no_preview`: none for its type, not yet made, failed, or no such page).", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, number)): Path<(String, String)>,
    Query(query): Query<PreviewQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "file")?;
    let number = version_number(&number)?;
    let size = match query.size.as_deref() {
        None | Some("small") => PreviewSize::Small,
        Some("large") => PreviewSize::Large,
        Some(other) => {
            return Err(fluxstudio_domain::Invalid::new(
                "size",
                format!("\"{other}\" is not one of: small, large."),
            )
            .into());
        }
    };
    let page = match query.page {
        Some(0) => {
            return Err(
                fluxstudio_domain::Invalid::new("page", "Pages are numbered from 1.").into(),
            );
        }
        page => page.unwrap_or(1),
    };
    let (version, jpeg) = state
        .files()
        .preview(caller.user, id, number, size, page)
        .await?;
    let etag = format!("\"{}-{}-{page}\"", version.sha256, size.name());
    let cache = HeaderValue::from_static("private, max-age=31536000, immutable");
    if matches(headers.get(header::IF_NONE_MATCH), &etag) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, cache);
        return Ok(response);
    }
    let mut response = Response::new(Body::from(jpeg));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(header::CACHE_CONTROL, cache);
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}
