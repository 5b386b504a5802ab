//! Logging: readable lines in development, one JSON object per line in production.
//! `RUST_LOG` overrides the level (default `info`).

use fluxstudio_domain::Environment;
use tracing_subscriber::{EnvFilter, fmt};

pub fn init(environment: Environment) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if environment.is_production() {
        builder.json().with_current_span(true).init();
    } else {
        builder.compact().init();
    }
}

/// One span per HTTP request, carrying the request id so every line logged while the
/// request runs (an internal error's detail, say) can be matched to the response.
pub fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}

/// Server errors are logged at `error`; everything else only at `debug`, so access logs
/// cost nothing unless asked for (`RUST_LOG=debug`).
pub fn log_response(
    response: &axum::http::Response<axum::body::Body>,
    latency: std::time::Duration,
    _span: &tracing::Span,
) {
    let status = response.status().as_u16();
    let latency_ms = latency.as_secs_f64() * 1000.0;
    if response.status().is_server_error() {
        tracing::error!(status, latency_ms, "request failed");
    } else {
        tracing::debug!(status, latency_ms, "request served");
    }
}
