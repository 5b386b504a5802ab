//! The Socket.IO transport as plain HTTP sees it: the seed's open packet at both paths,
//! outside the HTTP rate limit, and gone with `ENABLE_WEBSOCKET=false`. The protocol
//! itself is tested with the official client in tests/e2e.

use serde_json::Value;

use crate::support::*;

const HANDSHAKE: &str = "/?EIO=4&transport=polling";

/// The Engine.IO open packet: `0` then its JSON.
async fn open_packet(server: &Server, path: &str) -> Value {
    let response = server.get(&format!("{path}{HANDSHAKE}")).await;
    assert_eq!(response.status(), 200, "{path}");
    let text = response.text().await.unwrap();
    let json = text
        .strip_prefix('0')
        .unwrap_or_else(|| panic!("{path}: {text}"));
    serde_json::from_str(json).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_packet_is_the_seeds_at_both_paths_and_never_rate_limited() {
    let server = server(Backend::Sqlite)
        .env("RATE_LIMIT_MAX_REQUESTS", "3")
        .start()
        .await;
    for path in ["/api/socket.io", "/socket.io"] {
        let open = open_packet(&server, path).await;
        assert_eq!(open["upgrades"], serde_json::json!(["websocket"]));
        assert_eq!(open["pingInterval"], 25000);
        assert_eq!(open["pingTimeout"], 20000);
        assert_eq!(open["maxPayload"], 1_000_000);
        assert!(open["sid"].as_str().is_some_and(|sid| !sid.is_empty()));
    }
    // Far past the HTTP limit of 3: the transport is not counted.
    for _ in 0..10 {
        open_packet(&server, "/api/socket.io").await;
    }
    // …while the API is.
    let mut statuses = vec![];
    for _ in 0..4 {
        statuses.push(server.get("/api/csrf-token").await.status().as_u16());
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enable_websocket_false_serves_no_transport() {
    let server = server(Backend::Sqlite)
        .env("ENABLE_WEBSOCKET", "false")
        .start()
        .await;
    let response = server.get(&format!("/api/socket.io{HANDSHAKE}")).await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(server.log().contains("ENABLE_WEBSOCKET=false"));
}
