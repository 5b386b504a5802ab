//! `GET /api/health`, `/live` and `/ready`: the seed's fields, with the right types.

use serde_json::Value;

use crate::{any_backend, both_backends, support::*};

async fn health_reports_the_seed_fields_with_their_types(backend: Backend) {
    let server = server(backend).start().await;
    let response = server.get("/api/health").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("application/json"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "healthy");
    assert_eq!(body["service"], "unified-backend");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    let uptime = body["uptime"]
        .as_f64()
        .expect("uptime is a number of seconds");
    assert!(uptime > 0.0 && uptime < 120.0, "uptime {uptime}");
    let rss = body["memory"]["rss"].as_u64().expect("rss is bytes");
    let heap = body["memory"]["heapUsed"]
        .as_u64()
        .expect("heapUsed is bytes");
    // A running server holds at least a megabyte resident and some heap, and its heap
    // cannot exceed what is resident plus a generous margin for untouched pages.
    assert!(rss > 1 << 20, "rss {rss}");
    assert!(heap > 0 && heap < 1 << 30, "heapUsed {heap}");
    assert_eq!(body["database"]["status"], "connected");
    let expected_backend = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"]["backend"], expected_backend);
}

async fn live_and_ready_answer(backend: Backend) {
    let server = server(backend).start().await;
    let live: Value = server.get("/api/health/live").await.json().await.unwrap();
    assert_eq!(live["status"], "alive");
    let ready = server.get("/api/health/ready").await;
    assert_eq!(ready.status(), 200);
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(ready["status"], "ready");
}

async fn heap_used_follows_the_allocator(backend: Backend) {
    // The figure must move with real allocation, not be a constant: fetching the OpenAPI
    // document and metrics allocates, and successive readings are not all identical.
    let server = server(backend).start().await;
    let mut readings = Vec::new();
    for _ in 0..5 {
        let _ = server.get("/api/openapi.json").await.bytes().await;
        let body: Value = server.get("/api/health").await.json().await.unwrap();
        readings.push(body["memory"]["heapUsed"].as_u64().unwrap());
    }
    readings.dedup();
    assert!(readings.len() > 1, "heapUsed never changed: {readings:?}");
}

both_backends!(
    health_reports_the_seed_fields_with_their_types,
    live_and_ready_answer
);
any_backend!(heap_used_follows_the_allocator);
