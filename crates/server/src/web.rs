//! The React web app, built by Vite into `web/dist` and embedded in the binary. Hashed
//! assets are cached for a year; `index.html` is never cached, so a new release is picked
//! up on the next load. Any other path is a page of the app (SPA fallback).

use axum::{
    body::Body,
    http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};
use rust_embed::{EmbeddedFile, RustEmbed};

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct WebBuild;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

fn serve(file: EmbeddedFile, cache: &'static str, request: &HeaderMap) -> Response {
    let etag = format!("\"{}\"", hex::encode(file.metadata.sha256_hash()));
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    let unchanged = request
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    if unchanged {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    if let Ok(value) = HeaderValue::from_str(file.metadata.mimetype()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    (headers, Body::from(file.data.into_owned())).into_response()
}

fn not_built() -> Response {
    fluxstudio_api::ApiError::unavailable(
        "This fluxstudio binary was built without the web app. Build it with \
         `npm --prefix web ci && npm --prefix web run build`, then rebuild the server \
         (scripts/run.sh does both).",
    )
    .into_response()
}

/// Every path outside `/api`, `/collab` and `/metrics`.
pub async fn app(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = uri.path().trim_start_matches('/');
    if let Some(file) = (!path.is_empty()).then(|| WebBuild::get(path)).flatten() {
        let cache = if path.starts_with("assets/") {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        return serve(file, cache, &headers);
    }
    // A missing asset is a 404, not the app: a stale page asking for an old bundle must
    // not receive HTML it would try to run as JavaScript.
    if path.starts_with("assets/") {
        return (StatusCode::NOT_FOUND, "no such asset\n").into_response();
    }
    match WebBuild::get("index.html") {
        Some(index) => serve(index, NO_CACHE, &headers),
        None => not_built(),
    }
}

/// `GET /api/docs`: the browsable API documentation page from the web build.
pub async fn api_docs(headers: HeaderMap) -> Response {
    match WebBuild::get("api-docs.html") {
        Some(page) => serve(page, NO_CACHE, &headers),
        None => fluxstudio_api::ApiError::unavailable(
            "The API documentation page is not built into this binary; the raw document is at /api/openapi.json.",
        )
        .into_response(),
    }
}
