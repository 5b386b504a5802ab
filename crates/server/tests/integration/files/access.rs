//! Who may do what to files: anyone who may view the project lists and downloads them;
//! leads and editors upload and change any of them; whoever uploaded a file may still
//! change that one when their role drops; a viewer's refused upload stores nothing; and
//! someone outside the project is told none of it exists.

use reqwest::Method;
use serde_json::json;

use super::*;
use crate::{both_backends, messaging::team::Team, support::*, workspace::studio::user_id};

async fn what_each_role_may_do_with_files(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, member, client, outsider) = team.tokens();
    let files = format!("/api/projects/{}/files", team.project);
    let mine = upload(server, member, &files, "mine.png", &png(1, 100))
        .await
        .expect(201);
    let mine = mine.body["id"].as_str().unwrap().to_owned();
    let theirs = upload(server, owner, &files, "theirs.png", &png(2, 100))
        .await
        .expect(201);
    let theirs = theirs.body["id"].as_str().unwrap().to_owned();
    let blobs_before = stored(&store_of(server), "blobs");
    assert_eq!(blobs_before.len(), 2);

    // The client (a viewer) looks and downloads, but neither uploads nor changes.
    api.get(&files, client).await.expect(200);
    let content = format!("/api/files/{mine}/versions/1/content");
    assert_eq!(download(server, client, &content, &[]).await.0.status, 200);
    upload(server, client, &files, "no.png", &png(3, 100))
        .await
        .refused(403, "forbidden", None);
    upload(
        server,
        client,
        &format!("/api/files/{mine}/versions"),
        "no.png",
        &png(3, 100),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::PATCH,
        &format!("/api/files/{mine}"),
        client,
        Some(json!({"name": "x"})),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &format!("/api/files/{mine}"), client, None)
        .await
        .refused(403, "forbidden", None);

    // Someone outside: not found, whatever they ask, and nothing is stored.
    for path in [
        files.clone(),
        format!("/api/files/{mine}"),
        format!("/api/files/{mine}/versions"),
        content.clone(),
    ] {
        api.get(&path, outsider)
            .await
            .refused(404, "not_found", None);
    }
    upload(server, outsider, &files, "no.png", &png(4, 100))
        .await
        .refused(404, "not_found", None);
    upload(
        server,
        outsider,
        &format!("/api/files/{mine}/versions"),
        "no.png",
        &png(4, 100),
    )
    .await
    .refused(404, "not_found", None);
    api.with_token(
        Method::DELETE,
        &format!("/api/files/{mine}"),
        outsider,
        None,
    )
    .await
    .refused(404, "not_found", None);
    assert_eq!(stored(&store_of(server), "blobs"), blobs_before);
    assert!(stored(&store_of(server), "tmp").is_empty());

    // The member becomes a viewer: their own file is still theirs to change, no other.
    api.with_token(
        Method::PUT,
        &format!(
            "/api/projects/{}/members/{}",
            team.project,
            user_id(&team.member)
        ),
        owner,
        Some(json!({"role": "viewer"})),
    )
    .await
    .expect(200);
    let got = api
        .get(&format!("/api/files/{mine}"), member)
        .await
        .expect(200);
    assert_eq!(got.body["canManage"], true);
    api.with_token(
        Method::PATCH,
        &format!("/api/files/{mine}"),
        member,
        Some(json!({"name": "still mine.png"})),
    )
    .await
    .expect(200);
    upload(
        server,
        member,
        &format!("/api/files/{mine}/versions"),
        "v2.png",
        &png(5, 100),
    )
    .await
    .expect(201);
    api.with_token(
        Method::PATCH,
        &format!("/api/files/{theirs}"),
        member,
        Some(json!({"name": "x"})),
    )
    .await
    .refused(403, "forbidden", None);
    upload(server, member, &files, "new.png", &png(6, 100))
        .await
        .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &format!("/api/files/{mine}"), member, None)
        .await
        .expect(204);
}

both_backends!(what_each_role_may_do_with_files);
