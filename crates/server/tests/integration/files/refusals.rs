//! Uploads refused, each with its status and code, and each leaving no row, no blob and no
//! temporary behind: too large (declared, or found so while streaming), a type not on the
//! list, empty, not a form, no file in it; a quota with no room; uploads turned off. A name
//! that climbs folders is only a name; a type that could run script is only downloaded.

use std::time::Duration;

use reqwest::Method;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    time::timeout,
};

use super::*;
use crate::{accounts::client::*, any_backend, both_backends, messaging::team::Team, support::*};

/// Rows of files and of their versions.
async fn file_rows(server: &Server) -> (i64, i64) {
    let db = open_store(&server.database_url).await;
    let mut counts = [0, 0];
    for (count, table) in counts.iter_mut().zip(["files", "file_versions"]) {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        *count = fluxstudio_store::read_with!(&db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await
            .unwrap());
    }
    db.close().await;
    (counts[0], counts[1])
}

async fn refused_uploads_leave_nothing(backend: Backend) {
    let team = Team::start_with(backend, &[("MAX_FILE_SIZE", "4096")]).await;
    let server = &team.studio.server;
    let owner = token(&team.owner);
    let files = format!("/api/projects/{}/files", team.project);
    let store = store_of(server);
    let send =
        |body: (String, Vec<u8>)| request(server, Method::POST, &files, owner, &[], Some(body));

    // Too large: found while streaming (the form's length is within the framing allowed)…
    let (over, _) = send(form("big.png", &png(1, 5000))).await;
    over.refused(413, "file_too_large", Some("file"));
    // …or declared beyond the limit and its framing (4 KiB + 64 KiB), refused before the body
    // is read. (80 KB still fits the socket's buffers, so the client reads the answer rather
    // than the reset of a connection closed on unread bytes; e2e/uploads.test.mjs sends a
    // declared 60 MB with no body at all.)
    let (declared, _) = send(form("huge.png", &png(1, 80_000))).await;
    declared.refused(413, "payload_too_large", None);
    // Not a type on the list, whatever the name says.
    let mut program = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    program.extend([0_u8; 200]);
    let (exe, _) = send(form("picture.png", &program)).await;
    exe.refused(415, "unsupported_file_type", Some("file"));
    assert!(exe.body["message"].as_str().unwrap().contains("PDF"));
    let (text, _) = send(form("notes.txt", b"just some words")).await;
    text.refused(415, "unsupported_file_type", Some("file"));
    let (empty, _) = send(form("empty.png", b"")).await;
    empty.refused(422, "empty_file", Some("file"));
    let (no_file, _) = send(form_with("picture", "a.png", &png(1, 10))).await;
    no_file.refused(422, "invalid", Some("file"));
    let (not_form, _) = send(("application/json".into(), b"{}".to_vec())).await;
    not_form.refused(415, "unsupported_media_type", None);
    let broken = (
        format!("multipart/form-data; boundary={BOUNDARY}"),
        b"this is not a form at all".to_vec(),
    );
    let (unreadable, _) = send(broken).await;
    assert_eq!(unreadable.status, 400, "{:#}", unreadable.body);

    assert_eq!(file_rows(server).await, (0, 0));
    assert!(stored(&store, "blobs").is_empty());
    assert!(stored(&store, "tmp").is_empty());

    // A name that climbs folders is kept for display and touches nothing outside the store.
    let climbing = "../../outside/passwd.png";
    let up = upload(server, owner, &files, climbing, &png(2, 10))
        .await
        .expect(201);
    assert_eq!(up.body["name"], climbing);
    let id = up.body["id"].as_str().unwrap();
    let (got, _) = download(
        server,
        owner,
        &format!("/api/files/{id}/versions/1/content"),
        &[],
    )
    .await;
    let disposition = got.header("content-disposition");
    assert!(
        !disposition.contains('/') && !disposition.contains(".."),
        "{disposition}"
    );
    assert!(!server.scratch.path().join("outside").exists());
    let mut top: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["blobs", "tmp"]);

    // An SVG (which can carry script) is only ever downloaded, sandboxed.
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let vector = upload(server, owner, &files, "logo.svg", svg)
        .await
        .expect(201);
    assert_eq!(vector.body["kind"], "vector");
    let id = vector.body["id"].as_str().unwrap();
    let (got, bytes) = download(
        server,
        owner,
        &format!("/api/files/{id}/versions/1/content"),
        &[],
    )
    .await;
    assert_eq!(bytes, svg);
    assert!(got.header("content-disposition").starts_with("attachment;"));
    assert!(got.header("content-security-policy").starts_with("sandbox"));
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert_eq!(file_rows(server).await, (2, 2));
    assert_eq!(stored(&store, "blobs").len(), 2);
}

async fn quotas_and_switched_off_uploads(backend: Backend) {
    let team = Team::start_with(backend, &[("STORAGE_QUOTA_MB", "1")]).await;
    let server = &team.studio.server;
    let owner = token(&team.owner);
    let files = format!("/api/projects/{}/files", team.project);
    upload(server, owner, &files, "a.png", &png(1, 700_000))
        .await
        .expect(201);
    upload(server, owner, &files, "b.png", &png(2, 700_000))
        .await
        .refused(507, "storage_quota_exceeded", None);
    assert_eq!(stored(&store_of(server), "blobs").len(), 1);
    assert!(stored(&store_of(server), "tmp").is_empty());
    drop(team);

    let team = Team::start_with(backend, &[("ENABLE_FILE_UPLOAD", "false")]).await;
    let server = &team.studio.server;
    let files = format!("/api/projects/{}/files", team.project);
    upload(server, token(&team.owner), &files, "a.png", &png(1, 10))
        .await
        .refused(403, "uploads_disabled", None);
    let api = team.api().await;
    api.get(&files, token(&team.owner)).await.expect(200);
    assert!(stored(&store_of(server), "blobs").is_empty());
}

/// A client still sending a body past the limit when the 413 comes goes on writing for a
/// moment (it has not read the answer yet) and then reads the answer whole. Closing on
/// unread bytes would reset the connection: the client's next write would fail, and most
/// clients then drop the answer unread (the server lingers instead, `lingering.rs`). With a
/// larger limit the server reads in frames larger than the body limit's margin, which trip
/// the body limit before the file's own count: still a 413, not a broken-off upload.
async fn a_client_still_sending_reads_its_413(backend: Backend) {
    for (limit, sent) in [(4096, 256 << 10), (4 << 20, 8 << 20)] {
        let team = Team::start_with(backend, &[("MAX_FILE_SIZE", &limit.to_string())]).await;
        let answer = sent_past_the_limit(&team, sent).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{limit}: {answer}");
        assert!(answer.contains("file_too_large"), "{limit}: {answer}");
    }
}

/// Sends a form of `len` bytes (chunked, so the length is not known up front), then 1 MiB
/// more after the answer came; the answer, read once the client is done.
async fn sent_past_the_limit(team: &Team, len: usize) -> String {
    let address = team.studio.server.base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/projects/{}/files HTTP/1.1\r\nHost: fluxstudio\r\n\
         Authorization: Bearer {}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        team.project,
        token(&team.owner)
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let (_, form) = form("big.png", &png(1, len));
    let chunk = |bytes: &[u8]| {
        let mut framed = format!("{:x}\r\n", bytes.len()).into_bytes();
        framed.extend_from_slice(bytes);
        framed.extend_from_slice(b"\r\n");
        framed
    };
    stream.write_all(&chunk(&form)).await.unwrap();

    // The answer has come (looked at, not read)…
    let mut first = [0u8; 1];
    timeout(Duration::from_secs(15), stream.peek(&mut first))
        .await
        .expect("an answer")
        .unwrap();
    // …and the client, not having read it yet, sends another MiB.
    for _ in 0..16 {
        stream
            .write_all(&chunk(&[0u8; 64 << 10]))
            .await
            .expect("the connection is still open for writing");
    }
    stream.shutdown().await.unwrap();
    let mut answer = Vec::new();
    timeout(Duration::from_secs(15), stream.read_to_end(&mut answer))
        .await
        .expect("the server closes")
        .expect("a closed connection, not a reset one");
    String::from_utf8_lossy(&answer).into_owned()
}

both_backends!(
    refused_uploads_leave_nothing,
    quotas_and_switched_off_uploads
);
any_backend!(a_client_still_sending_reads_its_413);
