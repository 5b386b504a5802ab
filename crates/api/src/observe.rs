//! One pass over every request for what operators need to see: its request id, its
//! metrics (count and latency by route, requests in flight), and, for server errors, one
//! log line carrying the request id and the detail the client never sees.
//!
//! One middleware rather than a tracing span per request: a span is costly to build for
//! every request, and the request id is all an operator needs to match a response to its
//! log line.

use std::time::Instant;

use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll, ready},
};

use axum::{
    extract::{MatchedPath, Request},
    http::{HeaderName, HeaderValue, Uri},
    response::Response,
};
use pin_project_lite::pin_project;
use std::{
    collections::HashMap,
    sync::{LazyLock, OnceLock, RwLock},
};
use tower::{Layer, Service};

use metrics::{Counter, Gauge, Histogram};

use crate::metrics::{REQUEST_DURATION, REQUESTS_IN_FLIGHT, REQUESTS_TOTAL, method_label};

static IN_FLIGHT: OnceLock<Gauge> = OnceLock::new();

/// One route's series: (method, status, request counter, latency histogram).
type Series = Vec<(&'static str, u16, Counter, Histogram)>;

/// The handles of every series seen so far, by route pattern. Looking a series up in
/// the metrics registry builds and hashes a labelled key each time; here a request that
/// repeats a (route, method, status) seen before allocates nothing.
static SERIES: LazyLock<RwLock<HashMap<String, Series>>> = LazyLock::new(Default::default);

fn record(route: &str, method: &'static str, status: u16, seconds: f64) {
    {
        let known = SERIES.read().unwrap_or_else(|p| p.into_inner());
        let found = known
            .get(route)
            .and_then(|series| series.iter().find(|s| s.0 == method && s.1 == status));
        if let Some((_, _, requests, duration)) = found {
            requests.increment(1);
            duration.record(seconds);
            return;
        }
    }
    let requests = metrics::counter!(REQUESTS_TOTAL, "method" => method, "route" => route.to_owned(), "status" => status.to_string());
    let duration =
        metrics::histogram!(REQUEST_DURATION, "method" => method, "route" => route.to_owned());
    requests.increment(1);
    duration.record(seconds);
    SERIES
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .entry(route.to_owned())
        .or_default()
        .push((method, status, requests, duration));
}

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What went wrong inside, attached to a 500 response by [`crate::ApiError::internal`] so
/// it is logged here, with the request id, and never sent to the client.
#[derive(Debug, Clone)]
pub struct InternalDetail(pub String);

/// A client's own request id is kept when it is short and plain; otherwise a UUID is made.
fn request_id(request: &Request) -> HeaderValue {
    request
        .headers()
        .get(&REQUEST_ID)
        .filter(|v| {
            v.len() <= 128
                && v.as_bytes()
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
        })
        .cloned()
        .unwrap_or_else(|| {
            let id = uuid::Uuid::new_v4();
            let mut buf = uuid::Uuid::encode_buffer();
            HeaderValue::from_str(id.hyphenated().encode_lower(&mut buf))
                .unwrap_or_else(|_| HeaderValue::from_static("unknown"))
        })
}

/// The layer that observes every request (see the module's documentation). Apply it
/// with `Router::layer`, inside routing, so the matched route pattern is known.
#[derive(Debug, Clone, Copy, Default)]
pub struct ObserveLayer;

impl<S> Layer<S> for ObserveLayer {
    type Service = Observe<S>;

    fn layer(&self, inner: S) -> Observe<S> {
        Observe { inner }
    }
}

#[derive(Debug, Clone)]
pub struct Observe<S> {
    inner: S,
}

/// What a request leaves to be recorded once its response is ready.
struct Pending {
    started: Instant,
    id: HeaderValue,
    method: &'static str,
    route: Option<MatchedPath>,
    uri: Uri,
    _in_flight: InFlight,
}

/// Counts a request in flight for as long as it lives, including when the client
/// disconnects and the request is dropped half-way.
struct InFlight(&'static Gauge);

impl InFlight {
    fn start() -> Self {
        let gauge = IN_FLIGHT.get_or_init(|| metrics::gauge!(REQUESTS_IN_FLIGHT));
        gauge.increment(1);
        Self(gauge)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.decrement(1);
    }
}

impl<S> Service<Request> for Observe<S>
where
    S: Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ObserveFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        let started = Instant::now();
        let id = request_id(&request);
        request.headers_mut().insert(REQUEST_ID, id.clone());
        let pending = Pending {
            started,
            id,
            method: method_label(request.method()),
            route: request.extensions().get::<MatchedPath>().cloned(),
            // Only logged; a Uri clone shares the request's buffer rather than copying it.
            uri: request.uri().clone(),
            _in_flight: InFlight::start(),
        };
        ObserveFuture {
            inner: self.inner.call(request),
            pending: Some(pending),
        }
    }
}

pin_project! {
    pub struct ObserveFuture<F> {
        #[pin]
        inner: F,
        pending: Option<Pending>,
    }
}

impl<F, E> Future for ObserveFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.inner.poll(cx))?;
        if let Some(pending) = this.pending.take() {
            finish(pending, &mut response);
        }
        Poll::Ready(Ok(response))
    }
}

fn finish(pending: Pending, response: &mut Response) {
    let status = response.status();
    let elapsed = pending.started.elapsed();
    // Route patterns (`/api/projects/{id}`), never raw paths, so series stay bounded;
    // the web app's pages and assets share `web`.
    let route = pending.route.as_ref().map_or("web", |p| p.as_str());
    record(
        route,
        pending.method,
        status.as_u16(),
        elapsed.as_secs_f64(),
    );

    let request_id = pending.id.to_str().unwrap_or_default();
    let (method, path) = (pending.method, pending.uri.path());
    if status.is_server_error() {
        let detail = response
            .extensions()
            .get::<InternalDetail>()
            .map_or("", |d| d.0.as_str());
        tracing::error!(
            request_id,
            method,
            path,
            status = status.as_u16(),
            detail,
            "request failed"
        );
    } else {
        tracing::debug!(
            request_id,
            method,
            path,
            status = status.as_u16(),
            latency_ms = elapsed.as_secs_f64() * 1000.0,
            "request served"
        );
    }
    response.headers_mut().insert(REQUEST_ID, pending.id);
}
