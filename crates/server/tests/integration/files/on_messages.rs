//! Files on messages. A project channel's messages carry the project's files, which
//! whoever reads the channel may download; a direct or group conversation's carry files
//! sent into it, which only its participants download (and, before they are on a message,
//! only their sender). Every refusal leaves the messages as they were.

use reqwest::Method;
use serde_json::{Value, json};

use super::*;
use crate::{
    accounts::client::*,
    both_backends,
    messaging::team::{Team, id, send, start},
    support::*,
    workspace::studio::user_id,
};

/// Sends `text` with `attachments` to `conversation` as `token`; the answer.
async fn send_with(
    api: &Api<'_>,
    token: &str,
    conversation: &str,
    text: &str,
    attachments: &[&str],
) -> Answer {
    api.with_token(
        Method::POST,
        &format!("/api/conversations/{conversation}/messages"),
        token,
        Some(json!({ "body": text, "attachments": attachments })),
    )
    .await
}

/// How many messages `conversation` holds, as `token` reads it.
async fn message_count(api: &Api<'_>, token: &str, conversation: &str) -> usize {
    let page = api
        .get(
            &format!("/api/conversations/{conversation}/messages"),
            token,
        )
        .await
        .expect(200);
    page.body["items"].as_array().unwrap().len()
}

async fn a_channel_carries_its_projects_files(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, member, client, outsider) = team.tokens();
    let channel = team.project.as_str();
    let picture = fluxstudio_files::samples::png(64, 48);
    let file = upload(
        server,
        owner,
        &format!("/api/projects/{channel}/files"),
        "set.png",
        &picture,
    )
    .await
    .expect(201);
    let file_id = id(&file.body).to_owned();

    let sent = send_with(&api, member, channel, "The set, v1", &[&file_id])
        .await
        .expect(201);
    let attached = &sent.body["attachments"][0];
    assert_eq!(attached["id"], file_id.as_str());
    assert_eq!(attached["source"], "project");
    assert_eq!(attached["name"], "set.png");
    assert_eq!(attached["kind"], "image");
    let content = attached["contentUrl"].as_str().unwrap();
    assert_eq!(content, format!("/api/files/{file_id}/versions/1/content"));

    // The client (a viewer) reads the channel and downloads what it carries.
    let page = api
        .get(&format!("/api/conversations/{channel}/messages"), client)
        .await
        .expect(200);
    assert_eq!(
        page.body["items"][0]["attachments"][0]["id"],
        file_id.as_str()
    );
    let (got, bytes) = download(server, client, content, &[]).await;
    assert_eq!((got.status, bytes.as_slice()), (200, picture.as_slice()));
    download(server, outsider, content, &[])
        .await
        .0
        .refused(404, "not_found", None);

    // Not this project's files, too many: refused, nothing sent.
    let before = message_count(&api, member, channel).await;
    let stranger = uuid::Uuid::new_v4().to_string();
    send_with(&api, member, channel, "x", &[&file_id, &stranger])
        .await
        .refused(409, "invalid_reference", Some("attachments"));
    let eleven: Vec<&str> = std::iter::repeat_n(file_id.as_str(), 11).collect();
    send_with(&api, member, channel, "x", &eleven)
        .await
        .refused(422, "invalid", Some("attachments"));
    assert_eq!(message_count(&api, member, channel).await, before);
    // The same file named twice is carried once.
    let twice = send_with(&api, member, channel, "Again", &[&file_id, &file_id])
        .await
        .expect(201);
    assert_eq!(twice.body["attachments"].as_array().unwrap().len(), 1);

    // A channel takes no files of its own: they are the project's.
    upload(
        server,
        member,
        &format!("/api/conversations/{channel}/files"),
        "a.png",
        &picture,
    )
    .await
    .refused(409, "project_channel", None);
    assert_eq!(conversation_files(server).await, 0);

    // Deleting the project's file takes it off the message.
    api.with_token(
        Method::DELETE,
        &format!("/api/files/{file_id}"),
        owner,
        None,
    )
    .await
    .expect(204);
    let page = api
        .get(&format!("/api/conversations/{channel}/messages"), client)
        .await
        .expect(200);
    let items = page.body["items"].as_array().unwrap();
    assert!(items.iter().all(|m| m["attachments"] == json!([])));
}

async fn a_conversation_keeps_its_files_to_its_participants(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, member, client, outsider) = team.tokens();
    let direct = start(
        &api,
        &team.member,
        json!({"kind": "direct", "participantIds": [user_id(&team.owner)]}),
    )
    .await;
    let direct = id(&direct).to_owned();
    let files = format!("/api/conversations/{direct}/files");

    let sketch = pdf(3000);
    let sent = upload(server, member, &files, "costume.pdf", &sketch)
        .await
        .expect(201);
    assert_eq!(sent.body["conversationId"], direct.as_str());
    assert_eq!(sent.body["kind"], "pdf");
    assert_eq!(sent.body["messageId"], Value::Null);
    let sent_id = id(&sent.body).to_owned();
    let content = format!("/api/conversations/{direct}/files/{sent_id}/content");
    // Before it is on a message, only its sender has it; outside, it does not exist.
    assert_eq!(download(server, member, &content, &[]).await.0.status, 200);
    download(server, owner, &content, &[])
        .await
        .0
        .refused(404, "not_found", None);
    for token in [client, outsider] {
        download(server, token, &content, &[])
            .await
            .0
            .refused(404, "not_found", None);
        upload(server, token, &files, "x.pdf", &sketch)
            .await
            .refused(404, "not_found", None);
    }

    // Only its sender attaches it.
    let before = message_count(&api, owner, &direct).await;
    send_with(&api, owner, &direct, "Mine now", &[&sent_id])
        .await
        .refused(409, "invalid_reference", Some("attachments"));
    assert_eq!(message_count(&api, owner, &direct).await, before);
    let message = send_with(&api, member, &direct, "The costume", &[&sent_id])
        .await
        .expect(201);
    let attached = &message.body["attachments"][0];
    assert_eq!(attached["source"], "conversation");
    assert_eq!(attached["contentUrl"], content.as_str());
    assert_eq!(attached["previewUrl"], Value::Null);
    // Now everyone in the conversation has it, in ranges too; no one else does.
    let (got, bytes) = download(server, owner, &content, &[]).await;
    assert_eq!((got.status, bytes.as_slice()), (200, sketch.as_slice()));
    let (part, bytes) = download(server, owner, &content, &[("range", "bytes=0-3")]).await;
    assert_eq!((part.status, bytes.as_slice()), (206, &b"%PDF"[..]));
    download(server, outsider, &content, &[])
        .await
        .0
        .refused(404, "not_found", None);
    // It is on one message at most.
    send_with(&api, member, &direct, "Again", &[&sent_id])
        .await
        .refused(409, "invalid_reference", Some("attachments"));
    assert_eq!(message_count(&api, owner, &direct).await, before + 1);

    // Refused uploads keep nothing.
    upload(server, member, &files, "empty.pdf", b"")
        .await
        .refused(422, "empty_file", Some("file"));
    upload(server, member, &files, "notes.txt", b"just words")
        .await
        .refused(415, "unsupported_file_type", Some("file"));
    assert_eq!(conversation_files(server).await, 1);

    // Deleting the message takes its files with it.
    let message_id = id(&message.body);
    api.with_token(
        Method::DELETE,
        &format!("/api/messages/{message_id}"),
        member,
        None,
    )
    .await
    .expect(200);
    let page = api
        .get(&format!("/api/conversations/{direct}/messages"), owner)
        .await
        .expect(200);
    let items = page.body["items"].as_array().unwrap();
    assert!(items.iter().all(|m| m["attachments"] == json!([])));
    download(server, owner, &content, &[])
        .await
        .0
        .refused(404, "not_found", None);
    assert_eq!(conversation_files(server).await, 0);
    let _ = send(&api, &team.owner, &direct, "Understood").await;
}

/// A file sent into a conversation and never put on a message goes with the sweep a day
/// later, bytes and all; one on a message stays.
async fn unsent_files_go_after_a_day(backend: Backend) {
    let uploads = Scratch::new();
    let dir = uploads.path().to_str().unwrap().to_owned();
    let env = [
        ("UPLOAD_DIR", dir.as_str()),
        ("JWT_SECRET", super::sweep::SECRET),
    ];
    let mut team = Team::start_with(backend, &env).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let member = &token(&team.member).to_owned();
    let direct = start(
        &api,
        &team.member,
        json!({"kind": "direct", "participantIds": [user_id(&team.owner)]}),
    )
    .await;
    let files = format!("/api/conversations/{}/files", id(&direct));
    let kept = pdf(1000);
    let sent = upload(server, member, &files, "kept.pdf", &kept)
        .await
        .expect(201);
    send_with(&api, member, id(&direct), "Kept", &[id(&sent.body)])
        .await
        .expect(201);
    let dropped = upload(server, member, &files, "dropped.pdf", &pdf(2000))
        .await
        .expect(201);
    drop(api);
    // Both were sent two days ago; a sweep now runs on the next start.
    let db = open_store(&server.database_url).await;
    let two_days_ago = chrono::Utc::now() - chrono::TimeDelta::days(2);
    fluxstudio_store::write_with!(&db, |pool| {
        sqlx::query("UPDATE conversation_files SET created_at = $1")
            .bind(two_days_ago)
            .execute(pool)
            .await
            .unwrap();
    });
    db.close().await;
    assert_eq!(stored(uploads.path(), "blobs").len(), 2);
    team.studio.server.terminate();
    team.studio
        .server
        .wait_exit(std::time::Duration::from_secs(20))
        .await;
    let again = super::sweep::server_again(backend, &team.studio.server.database_url, &dir).await;
    super::sweep::wait_for_log(&again, "swept the file store").await;

    assert_eq!(conversation_files(&again).await, 1);
    let blobs = stored(uploads.path(), "blobs");
    assert_eq!(blobs.len(), 1);
    assert!(blobs[0].ends_with(sha256_hex(&kept)));
    let gone = format!("{files}/{}/content", id(&dropped.body));
    download(&again, member, &gone, &[])
        .await
        .0
        .refused(404, "not_found", None);
    let (got, bytes) = download(
        &again,
        member,
        &format!("{files}/{}/content", id(&sent.body)),
        &[],
    )
    .await;
    assert_eq!((got.status, bytes), (200, kept));
}

/// Rows of files sent into conversations.
async fn conversation_files(server: &Server) -> i64 {
    let db = open_store(&server.database_url).await;
    let count = fluxstudio_store::read_with!(&db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM conversation_files"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    db.close().await;
    count
}

both_backends!(
    a_channel_carries_its_projects_files,
    a_conversation_keeps_its_files_to_its_participants,
    unsent_files_go_after_a_day
);
