//! Readiness follows the database: 503 while PostgreSQL is down, 200 once it is back.

use serde_json::Value;

use crate::support::*;

async fn wait_for_status(server: &Server, path: &str, want: u16) -> Value {
    poll_until(server, path, |status, _| status == want).await.1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_goes_503_while_postgres_is_down_and_back_to_200() {
    // A private cluster: stopping the shared one would break every other test.
    let cluster = PgCluster::start();
    let server = server(Backend::Postgres)
        .database_url(&cluster.url())
        .start()
        .await;
    assert_eq!(server.get("/api/health/ready").await.status(), 200);

    cluster.down();
    let ready = wait_for_status(&server, "/api/health/ready", 503).await;
    assert_eq!(ready["status"], "not_ready");
    let health = wait_for_status(&server, "/api/health", 503).await;
    assert_eq!(health["status"], "unhealthy");
    assert_eq!(health["database"]["status"], "unreachable");
    assert_eq!(health["database"]["backend"], "postgres");
    // Liveness never depends on the database.
    assert_eq!(server.get("/api/health/live").await.status(), 200);

    cluster.up();
    let ready = wait_for_status(&server, "/api/health/ready", 200).await;
    assert_eq!(ready["status"], "ready");
    let health = wait_for_status(&server, "/api/health", 200).await;
    assert_eq!(health["database"]["status"], "connected");
}
