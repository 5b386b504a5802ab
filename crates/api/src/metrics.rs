//! Request counts and latency histograms by route, rendered in Prometheus text at `/metrics`.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderValue, Method, header},
    middleware::Next,
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

/// Installs the process-wide recorder; call once at start.
pub fn install_recorder() -> Result<PrometheusHandle, String> {
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(REQUEST_DURATION.to_owned()), DURATION_BUCKETS)
        .map_err(|e| e.to_string())?
        .build_recorder();
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder).map_err(|e| e.to_string())?;
    Ok(handle)
}

fn method_label(method: &Method) -> &'static str {
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

/// Records one request (and counts it while it runs). The route label is the route's pattern (`/api/projects/{id}`),
/// never the raw path, so the number of series stays bounded; paths no route matched
/// (the web app's pages and assets) share the label `web`.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "web".to_owned(), |p| p.as_str().to_owned());
    let in_flight = metrics::gauge!(REQUESTS_IN_FLIGHT);
    in_flight.increment(1);
    let response = next.run(request).await;
    in_flight.decrement(1);
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS_TOTAL, "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(REQUEST_DURATION, "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`.
pub async fn render(State(handle): State<PrometheusHandle>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}
