//! The sweep, run when the server starts: the bytes of a deleted file go, unless another
//! file holds the same bytes; an upload a crash cut short goes; what versions name stays.

use reqwest::Method;

use super::*;
use crate::{accounts::client::*, both_backends, messaging::team::Team, support::*};

async fn the_sweep_removes_what_nothing_names(backend: Backend) {
    let uploads = Scratch::new();
    let dir = uploads.path().to_str().unwrap().to_owned();
    let mut team = Team::start_with(backend, &[("UPLOAD_DIR", &dir), ("JWT_SECRET", SECRET)]).await;
    let server = &team.studio.server;
    let owner = token(&team.owner);
    let files = format!("/api/projects/{}/files", team.project);
    let shared = png(1, 500);
    let kept = upload(server, owner, &files, "kept.png", &shared)
        .await
        .expect(201);
    let twin = upload(server, owner, &files, "twin.png", &shared)
        .await
        .expect(201);
    let alone = upload(server, owner, &files, "alone.png", &png(2, 500))
        .await
        .expect(201);
    assert_eq!(
        stored(uploads.path(), "blobs").len(),
        2,
        "the same bytes are stored once"
    );
    let api = team.api().await;
    for gone in [&twin, &alone] {
        let id = gone.body["id"].as_str().unwrap();
        api.with_token(Method::DELETE, &format!("/api/files/{id}"), owner, None)
            .await
            .expect(204);
    }
    drop(api);
    // What a crash in the middle of an upload leaves on the local disk.
    std::fs::write(uploads.path().join("tmp/0190-cut-short#1"), b"half").unwrap();
    assert_eq!(
        stored(uploads.path(), "blobs").len(),
        2,
        "deleting leaves bytes to the sweep"
    );

    team.studio.server.terminate();
    team.studio
        .server
        .wait_exit(std::time::Duration::from_secs(20))
        .await;
    let again = server_again(backend, &team.studio.server.database_url, &dir).await;
    wait_for_log(&again, "swept the file store").await;
    let blobs = stored(uploads.path(), "blobs");
    assert_eq!(blobs.len(), 1);
    assert!(blobs[0].ends_with(sha256_hex(&shared)));
    assert!(stored(uploads.path(), "tmp").is_empty());
    let id = kept.body["id"].as_str().unwrap();
    let (got, bytes) = download(
        &again,
        owner,
        &format!("/api/files/{id}/versions/1/content"),
        &[],
    )
    .await;
    assert_eq!((got.status, bytes), (200, shared));
}

/// Both processes sign with it, so the owner's token outlives the first.
pub(super) const SECRET: &str = "a-test-secret-of-at-least-32-bytes-for-both";

/// The same database and store, a new process that sweeps at once.
pub(super) async fn server_again(backend: Backend, database_url: &str, uploads: &str) -> Server {
    server(backend)
        .database_url(database_url)
        .env("UPLOAD_DIR", uploads)
        .env("FILE_SWEEP_GRACE_SECONDS", "0")
        .env("JWT_SECRET", SECRET)
        .start()
        .await
}

pub(super) async fn wait_for_log(server: &Server, line: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !server.log().contains(line) {
        assert!(
            std::time::Instant::now() < deadline,
            "no {line:?} in:\n{}",
            server.log()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

both_backends!(the_sweep_removes_what_nothing_names);
