//! SIGTERM while a request is in flight: the request completes, new connections are
//! refused, and the process exits 0; a connection that has sent nothing does not hold the
//! exit up.

use std::time::{Duration, Instant};

use crate::{both_backends, support::*};

async fn sigterm_finishes_the_request_in_flight_then_exits_0(backend: Backend) {
    let mut server = server(backend).env("FLUX_TEST_HOOKS", "true").start().await;
    let slow = tokio::spawn({
        let client = server.client.clone();
        let url = server.url("/api/_test/sleep?ms=1500");
        async move {
            let started = Instant::now();
            let response = client.get(url).send().await.expect("the slow request");
            let status = response.status();
            let body = response.text().await.expect("the slow body");
            (status, body, started.elapsed())
        }
    });
    // Signal only once the slow request is being handled: the server's own gauge counts
    // it (and the /metrics request that reads it).
    wait_for_requests_in_flight(&server, 2).await;
    server.terminate();

    let (status, body, took) = slow.await.unwrap();
    assert_eq!(status, 200, "the request in flight completed");
    assert_eq!(body, r#"{"slept":1500}"#);
    assert!(took >= Duration::from_millis(1500));

    let exit = server.wait_exit(Duration::from_secs(20)).await;
    assert_eq!(exit.code(), Some(0), "clean exit:\n{}", server.log());
    assert!(server.log().contains("received SIGTERM"));
    let after = server
        .client
        .get(server.url("/api/health/live"))
        .send()
        .await;
    assert!(after.is_err(), "no longer accepting connections");
}

async fn a_silent_connection_does_not_hold_up_the_shutdown(backend: Backend) {
    // Ten minutes to send headers, and as long to finish: only a connection that the
    // server drops at once when it stops lets it exit within the test's minute.
    let mut server = server(backend)
        .env("HTTP_HEADER_READ_TIMEOUT_SECONDS", "600")
        .env("SHUTDOWN_GRACE_SECONDS", "600")
        .start()
        .await;
    let address = server.base_url.trim_start_matches("http://").to_owned();
    let silent = tokio::net::TcpStream::connect(&address).await.unwrap();
    // Connections are accepted in order: once a later one is answered, the silent one was
    // accepted, and waits for its first byte.
    let answered = reqwest::Client::new()
        .get(server.url("/api/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), 200);
    server.terminate();
    let exit = server.wait_exit(Duration::from_secs(60)).await;
    assert_eq!(exit.code(), Some(0), "clean exit:\n{}", server.log());
    drop(silent);
}

async fn wait_for_requests_in_flight(server: &Server, at_least: u64) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let metrics = server.get("/metrics").await.text().await.unwrap();
        let in_flight = metrics
            .lines()
            .find(|l| l.starts_with("http_requests_in_flight "))
            .and_then(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .unwrap_or(0.0);
        if in_flight >= at_least as f64 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "never {at_least} in flight:\n{metrics}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

both_backends!(
    sigterm_finishes_the_request_in_flight_then_exits_0,
    a_silent_connection_does_not_hold_up_the_shutdown
);
