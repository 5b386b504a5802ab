//! Resumable uploads in tus 1.0.0 under `/api/uploads`: made with a length and what they
//! are for, continued from the offset the server holds (also after the server was killed),
//! finished into a file or a new version; refusals, someone else's upload, termination.

use base64::Engine;
use reqwest::Method;
use serde_json::Value;

use super::*;
use crate::{accounts::client::*, both_backends, messaging::team::Team, support::*};

pub(super) const TUS: (&str, &str) = ("tus-resumable", "1.0.0");
const SECRET: &str = "resumable-uploads-test-secret-32-bytes!";

pub(super) fn meta(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{k} {}",
                base64::engine::general_purpose::STANDARD.encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) async fn create(server: &Server, token: &str, length: usize, metadata: &str) -> Answer {
    let length = length.to_string();
    let headers = [
        TUS,
        ("upload-length", &length),
        ("upload-metadata", metadata),
    ];
    request(server, Method::POST, "/api/uploads", token, &headers, None)
        .await
        .0
}

pub(super) async fn patch(
    server: &Server,
    token: &str,
    location: &str,
    offset: usize,
    bytes: &[u8],
) -> Answer {
    let offset = offset.to_string();
    let headers = [TUS, ("upload-offset", offset.as_str())];
    let body = Some(("application/offset+octet-stream".to_owned(), bytes.to_vec()));
    request(server, Method::PATCH, location, token, &headers, body)
        .await
        .0
}

async fn head(server: &Server, token: &str, location: &str) -> Answer {
    request(server, Method::HEAD, location, token, &[TUS], None)
        .await
        .0
}

async fn uploads_resume_and_become_files(backend: Backend) {
    let uploads = Scratch::new();
    let dir = uploads.path().to_str().unwrap().to_owned();
    let env = [
        ("UPLOAD_DIR", dir.as_str()),
        ("JWT_SECRET", SECRET),
        ("MAX_FILE_SIZE", "100000"),
    ];
    let mut team = Team::start_with(backend, &env).await;
    let (owner, client, outsider) = (
        token(&team.owner),
        token(&team.client),
        token(&team.outsider),
    );
    let project = team.project.clone();
    let server = &team.studio.server;
    let bytes = png(7, 60_000);

    let made = create(
        server,
        owner,
        bytes.len(),
        &meta(&[("filename", "Run-through.png"), ("projectId", &project)]),
    )
    .await
    .expect(201);
    assert_eq!(made.header("tus-resumable"), "1.0.0");
    assert_eq!(made.header("upload-offset"), "0");
    assert!(!made.header("upload-expires").is_empty());
    let location = made.header("location").to_owned();
    assert!(location.starts_with("/api/uploads/"), "{location}");
    let half = 25_000;
    let first = patch(server, owner, &location, 0, &bytes[..half])
        .await
        .expect(204);
    assert_eq!(first.header("upload-offset"), half.to_string());
    // Someone else's upload does not exist for them; a wrong offset is refused.
    assert_eq!(
        head(server, client, &location).await.status,
        404,
        "a HEAD answer has no body"
    );
    patch(server, outsider, &location, half, &bytes[half..])
        .await
        .refused(404, "not_found", None);
    patch(server, owner, &location, 10, &bytes[10..20])
        .await
        .refused(409, "upload_offset_mismatch", Some("Upload-Offset"));
    let no_tus = request(server, Method::HEAD, &location, owner, &[], None)
        .await
        .0;
    assert_eq!(no_tus.status, 400, "no version said");
    let old = [("tus-resumable", "0.2.2")];
    let other = request(server, Method::HEAD, &location, owner, &old, None)
        .await
        .0;
    assert_eq!((other.status, other.header("tus-version")), (412, "1.0.0"));

    // The server is killed halfway; a new one continues from the offset it held.
    team.studio.server.child.kill().unwrap();
    team.studio.server.child.wait().unwrap();
    let again = server_with(backend, &team.studio.server.database_url, &env).await;
    let server = &again;
    let held = head(server, owner, &location).await.expect(200);
    assert_eq!(held.header("upload-offset"), half.to_string());
    assert_eq!(held.header("upload-length"), bytes.len().to_string());
    let done = patch(server, owner, &location, half, &bytes[half..])
        .await
        .expect(204);
    assert_eq!(done.header("upload-offset"), bytes.len().to_string());
    let api = Api::new(server).await;
    let upload = api.get(&location, owner).await.expect(200);
    assert_eq!(upload.body["version"], 1);
    let file = upload.body["fileId"].as_str().unwrap().to_owned();
    let (got, downloaded) = download(
        server,
        client,
        &format!("/api/files/{file}/versions/1/content"),
        &[],
    )
    .await;
    assert_eq!((got.status, downloaded), (200, bytes.clone()));
    let view = api
        .get(&format!("/api/files/{file}"), client)
        .await
        .expect(200);
    assert_eq!(view.body["name"], "Run-through.png");
    // A retry of the last request changes nothing.
    patch(server, owner, &location, bytes.len(), b"")
        .await
        .expect(204);
    let listed: Value = api
        .get(&format!("/api/projects/{project}/files"), owner)
        .await
        .expect(200)
        .body;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    // A new version, its bytes all written before the server could make it one (as when
    // it stops in between): the next question about it finishes it.
    let second = pdf(500);
    let made = create(
        server,
        owner,
        second.len(),
        &meta(&[("filename", "v2.pdf"), ("fileId", &file)]),
    )
    .await
    .expect(201);
    let location = made.header("location").to_owned();
    let id = location.rsplit('/').next().unwrap();
    std::fs::write(uploads.path().join(format!("resumable/{id}.part")), &second).unwrap();
    let finished = head(server, owner, &location).await.expect(200);
    assert_eq!(finished.header("upload-offset"), second.len().to_string());
    let upload = api.get(&location, owner).await.expect(200);
    assert_eq!(
        (
            upload.body["fileId"].as_str(),
            upload.body["version"].as_i64()
        ),
        (Some(file.as_str()), Some(2))
    );
    let view = api
        .get(&format!("/api/files/{file}"), owner)
        .await
        .expect(200);
    assert_eq!(
        (
            view.body["versionCount"].as_i64(),
            view.body["kind"].as_str()
        ),
        (Some(2), Some("pdf"))
    );
}

async fn resumable_refusals(backend: Backend) {
    let team = Team::start_with(backend, &[("MAX_FILE_SIZE", "1000")]).await;
    let server = &team.studio.server;
    let (owner, client, outsider) = (
        token(&team.owner),
        token(&team.client),
        token(&team.outsider),
    );
    let to_project = meta(&[("filename", "a.png"), ("projectId", &team.project)]);
    create(server, owner, 1001, &to_project)
        .await
        .refused(413, "file_too_large", Some("file"));
    create(server, owner, 0, &to_project)
        .await
        .refused(422, "empty_file", Some("file"));
    create(server, client, 10, &to_project)
        .await
        .refused(403, "forbidden", None);
    create(server, outsider, 10, &to_project)
        .await
        .refused(404, "not_found", None);
    create(server, owner, 10, &meta(&[("filename", "a.png")]))
        .await
        .refused(422, "invalid", Some("Upload-Metadata"));
    create(server, owner, 10, "filename !!!").await.refused(
        422,
        "invalid",
        Some("Upload-Metadata"),
    );
    // A path naming no upload is not found, whatever version it speaks.
    let old = [("tus-resumable", "0.2.2")];
    let nothing = request(server, Method::HEAD, "/api/uploads/NIL", owner, &old, None)
        .await
        .0;
    assert_eq!(nothing.status, 404);
    let headers = [TUS, ("upload-metadata", to_project.as_str())];
    let no_length = request(server, Method::POST, "/api/uploads", owner, &headers, None)
        .await
        .0;
    no_length.refused(400, "bad_request", Some("upload-length"));

    // Bytes of a type not on the list: refused when whole, and the upload is gone.
    let program = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
    let made = create(server, owner, program.len(), &to_project)
        .await
        .expect(201);
    let location = made.header("location").to_owned();
    patch(server, owner, &location, 0, program).await.refused(
        415,
        "unsupported_file_type",
        Some("file"),
    );
    assert_eq!(
        head(server, owner, &location).await.status,
        404,
        "a HEAD answer has no body"
    );
    // More bytes than declared, and not the right content type.
    let made = create(server, owner, 10, &to_project).await.expect(201);
    let location = made.header("location").to_owned();
    patch(server, owner, &location, 0, &png(1, 100))
        .await
        .refused(413, "file_too_large", Some("file"));
    let wrong_type = request(
        server,
        Method::PATCH,
        &location,
        owner,
        &[TUS, ("upload-offset", "0")],
        Some(("application/octet-stream".into(), b"x".to_vec())),
    )
    .await
    .0;
    wrong_type.refused(415, "unsupported_media_type", None);
    // Ended: gone, and its bytes with it.
    let made = create(server, owner, 100, &to_project).await.expect(201);
    let location = made.header("location").to_owned();
    patch(server, owner, &location, 0, &png(1, 10))
        .await
        .expect(204);
    request(server, Method::DELETE, &location, outsider, &[TUS], None)
        .await
        .0
        .refused(404, "not_found", None);
    let ended = request(server, Method::DELETE, &location, owner, &[TUS], None)
        .await
        .0;
    assert_eq!(ended.status, 204);
    assert_eq!(
        head(server, owner, &location).await.status,
        404,
        "a HEAD answer has no body"
    );
    let spool = store_of(server).join("resumable");
    let left: Vec<_> = std::fs::read_dir(&spool)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left.len(),
        2,
        "only the over-long upload is left, whole: {left:?}"
    );
    let api = team.api().await;
    let listed = api
        .get(&format!("/api/projects/{}/files", team.project), owner)
        .await
        .expect(200);
    assert!(listed.body["items"].as_array().unwrap().is_empty());
}

/// A server on the same database with `env`.
async fn server_with(backend: Backend, database_url: &str, env: &[(&str, &str)]) -> Server {
    let mut builder = server(backend).database_url(database_url);
    for (key, value) in env {
        builder = builder.env(key, value);
    }
    builder.start().await
}

both_backends!(uploads_resume_and_become_files, resumable_refusals);
