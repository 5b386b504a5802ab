//! Request counts and latency histograms by route (recorded by [`crate::observe`]),
//! rendered in Prometheus text at `/metrics`.

use std::time::Duration;

use axum::{
    extract::State,
    http::{HeaderValue, Method, header},
    response::{IntoResponse, Response},
};
pub use metrics_exporter_prometheus::PrometheusHandle;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};

pub const REQUESTS_TOTAL: &str = "http_requests_total";
pub const REQUEST_DURATION: &str = "http_request_duration_seconds";
pub const REQUESTS_IN_FLIGHT: &str = "http_requests_in_flight";

/// Latency buckets in seconds: fine below 10 ms where this server lives, coarse above.
const DURATION_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// How often recorded histogram samples are folded into their buckets. Samples wait in a
/// lock-free queue until then, so without upkeep they would pile up between scrapes.
const UPKEEP_INTERVAL: Duration = Duration::from_secs(5);

/// Installs the process-wide recorder and its upkeep task; call once, inside the runtime.
pub fn install_recorder() -> Result<PrometheusHandle, String> {
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(REQUEST_DURATION.to_owned()), DURATION_BUCKETS)
        .map_err(|e| e.to_string())?
        .build_recorder();
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder).map_err(|e| e.to_string())?;
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(UPKEEP_INTERVAL);
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });
    Ok(handle)
}

pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// `GET /metrics`.
/// What `/metrics` serves, and to whom.
#[derive(Clone)]
pub struct MetricsEndpoint {
    pub handle: PrometheusHandle,
    /// With `METRICS_TOKEN` set, only a scraper sending it as a bearer token is answered.
    pub token: Option<String>,
}

pub async fn render(
    State(endpoint): State<MetricsEndpoint>,
    headers: axum::http::HeaderMap,
) -> Response {
    if let Some(expected) = &endpoint.token {
        let sent = crate::auth::extract::bearer(&headers).unwrap_or_default();
        let matches: bool =
            subtle::ConstantTimeEq::ct_eq(sent.as_bytes(), expected.as_bytes()).into();
        if !matches {
            return crate::ApiError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Send the metrics token (METRICS_TOKEN) as Authorization: Bearer.",
            )
            .into_response();
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        endpoint.handle.render(),
    )
        .into_response()
}
