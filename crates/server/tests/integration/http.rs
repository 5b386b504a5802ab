//! The HTTP core: the JSON error envelope, the SPA fallback and assets, request ids,
//! security headers, CORS, the body limit, compression and metrics.

use serde_json::Value;

use crate::{any_backend, support::*};

async fn unknown_api_paths_get_the_json_404_envelope(backend: Backend) {
    let server = server(backend).start().await;
    for path in ["/api/nope", "/api/", "/api/projects/123/nothing-here"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(response.headers()["content-type"], "application/json");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "not_found", "{path}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(path), "{message}");
    }
    // A wrong method on a real route is JSON too, never an empty or HTML body.
    let response = server
        .client
        .delete(server.url("/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "method_not_allowed");
}

async fn web_app_is_served_with_spa_fallback_and_asset_types(backend: Backend) {
    let server = server(backend).start().await;
    let index = server.get("/").await;
    assert_eq!(index.status(), 200);
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert!(header(&index, "content-type").starts_with("text/html"));
    let index_html = index.text().await.unwrap();
    assert!(index_html.contains("FluxStudio"));

    let deep = server.get("/projects/123").await;
    assert_eq!(deep.status(), 200);
    assert!(header(&deep, "content-type").starts_with("text/html"));
    assert_eq!(
        deep.text().await.unwrap(),
        index_html,
        "a deep link gets the app"
    );

    // Every asset index.html refers to is served with its type and cached for good.
    let assets: Vec<&str> = index_html
        .split('"')
        .filter(|s| s.starts_with("/assets/"))
        .collect();
    assert!(assets.iter().any(|a| a.ends_with(".js")), "{index_html}");
    for asset in assets {
        let response = server.get(asset).await;
        assert_eq!(response.status(), 200, "{asset}");
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let expected = if asset.ends_with(".js") {
            "text/javascript"
        } else if asset.ends_with(".css") {
            "text/css"
        } else {
            continue;
        };
        assert!(
            content_type.starts_with(expected),
            "{asset}: {content_type}"
        );
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let etag = response.headers()["etag"].clone();
        let again = server
            .client
            .get(server.url(asset))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{asset} revalidates");
    }
    let missing = server.get("/assets/no-such-bundle.js").await;
    assert_eq!(missing.status(), 404, "a missing asset is not the app");
}

async fn responses_carry_request_ids_and_security_headers(backend: Backend) {
    let server = server(backend).start().await;
    let response = server.get("/api/health").await;
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    for header in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    ] {
        assert!(response.headers().contains_key(header), "{header}");
    }
    assert!(
        !response.headers().contains_key("strict-transport-security"),
        "HSTS only in production"
    );
    let given = server
        .get_with("/api/nope", ("x-request-id", "trace-me-42"))
        .await;
    assert_eq!(given.headers()["x-request-id"], "trace-me-42");
    // An id that could forge log lines is replaced, not echoed.
    let forged = server
        .client
        .get(server.url("/api/health"))
        .header("x-request-id", "x\" injected=\"1")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.headers()["x-request-id"].len(), 36);
    assert!(
        server
            .get("/")
            .await
            .headers()
            .contains_key("content-security-policy")
    );
}

async fn production_sends_hsts_and_logs_json(backend: Backend) {
    let server = server(backend)
        .env("FLUX_ENV", "production")
        .env(
            "JWT_SECRET",
            "an-operator-chosen-secret-of-at-least-32-bytes",
        )
        .start()
        .await;
    let response = server.get("/api/health").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
}

async fn cors_allows_only_configured_origins(backend: Backend) {
    let server = server(backend)
        .env(
            "CORS_ORIGINS",
            "https://studio.example,http://localhost:5173",
        )
        .start()
        .await;
    let preflight = |origin: &'static str| {
        server
            .client
            .request(reqwest::Method::OPTIONS, server.url("/api/health"))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let allowed = preflight("https://studio.example").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://studio.example"
    );
    assert_eq!(
        allowed.headers()["access-control-allow-credentials"],
        "true"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(
        !refused
            .headers()
            .contains_key("access-control-allow-origin")
    );
}

async fn oversized_bodies_get_413_as_json_before_the_body_is_read(backend: Backend) {
    // Only the head is sent: the server must refuse from Content-Length alone, without
    // waiting for (or reading) a body that never comes.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = server(backend).start().await;
    let addr = server.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/health HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        2 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut response = String::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_string(&mut response),
    )
    .await
    .expect("answered without the body")
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    let body: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("{response}"));
    assert_eq!(body["error"], "payload_too_large");
}

async fn responses_are_compressed_when_asked(backend: Backend) {
    let server = server(backend).start().await;
    let response = server
        .get_with("/api/openapi.json", ("accept-encoding", "gzip"))
        .await;
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

async fn metrics_count_requests_by_route(backend: Backend) {
    let server = server(backend).start().await;
    for _ in 0..3 {
        server.get("/api/health").await;
    }
    server.get("/api/nope").await;
    let response = server.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/plain"));
    let text = response.text().await.unwrap();
    let health_line = text
        .lines()
        .find(|l| {
            l.starts_with("http_requests_total{")
                && l.contains("route=\"/api/health\"")
                && l.contains("status=\"200\"")
        })
        .unwrap_or_else(|| panic!("no /api/health counter in:\n{text}"));
    let count: f64 = health_line.rsplit(' ').next().unwrap().parse().unwrap();
    // The harness's readiness polls hit /api/health/ready, not /api/health.
    assert_eq!(count, 3.0, "{health_line}");
    assert!(
        text.contains("route=\"/api/{*rest}\",status=\"404\""),
        "{text}"
    );
    assert!(text.contains("http_request_duration_seconds_bucket{"));
}

async fn internal_errors_log_their_detail_with_the_request_id(backend: Backend) {
    let server = server(backend).env("FLUX_TEST_HOOKS", "true").start().await;
    let response = server.get("/api/_test/fail").await;
    assert_eq!(response.status(), 500);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    let envelope: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(envelope["error"], "internal_error");
    assert!(
        !body.contains("test hook failure"),
        "no detail to the client: {body}"
    );
    let log = server.log();
    let line = log
        .lines()
        .find(|l| l.contains("request failed"))
        .unwrap_or_else(|| panic!("no error line in:\n{log}"));
    assert!(line.contains(&id), "{line}");
    assert!(line.contains("test hook failure"), "{line}");
}

any_backend!(
    internal_errors_log_their_detail_with_the_request_id,
    unknown_api_paths_get_the_json_404_envelope,
    web_app_is_served_with_spa_fallback_and_asset_types,
    responses_carry_request_ids_and_security_headers,
    production_sends_hsts_and_logs_json,
    cors_allows_only_configured_origins,
    oversized_bodies_get_413_as_json_before_the_body_is_read,
    responses_are_compressed_when_asked,
    metrics_count_requests_by_route,
);
