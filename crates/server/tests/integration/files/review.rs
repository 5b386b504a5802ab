//! Design review of a version: a client pins comments and replies to threads, resolves
//! them, and decides; the uploader and the leads are told; a viewer reads but neither
//! comments nor decides; someone outside is told none of it exists; and every refusal
//! leaves the comments, decisions and requests as they were.

use reqwest::Method;
use serde_json::{Value, json};

use super::*;
use crate::{
    accounts::client::*, both_backends, messaging::team::Team, support::*,
    workspace::studio::user_id,
};

/// The kinds of `token`'s notifications, the newest first.
async fn kinds(api: &Api<'_>, token: &str) -> Vec<String> {
    let inbox = api.get("/api/notifications", token).await.expect(200);
    inbox.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn comments(api: &Api<'_>, file: &str, version: u32, token: &str) -> Vec<Value> {
    let path = format!("/api/files/{file}/versions/{version}/comments");
    let page = api.get(&path, token).await.expect(200);
    page.body["items"].as_array().unwrap().clone()
}

async fn a_client_comments_and_decides_on_a_version(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, member, client, outsider) = team.tokens();
    let files = format!("/api/projects/{}/files", team.project);
    let made = upload(server, member, &files, "poster.png", &png(1, 100))
        .await
        .expect(201);
    let file = made.body["id"].as_str().unwrap().to_owned();
    assert_eq!(made.body["latest"]["review"], "pending");
    let on_v1 = format!("/api/files/{file}/versions/1/comments");
    let review_v1 = format!("/api/files/{file}/versions/1/review");
    let pinned = json!({"body": "Warmer **red** here", "pin": {"x": 0.25, "y": 0.5}});

    // As a viewer the client reads, but neither comments nor decides.
    api.with_token(Method::POST, &on_v1, client, Some(pinned.clone()))
        .await
        .refused(403, "forbidden", None);
    let review = api.get(&review_v1, client).await.expect(200);
    assert_eq!(review.body["canDecide"], false);
    api.with_token(
        Method::PUT,
        &review_v1,
        client,
        Some(json!({"decision": "approved"})),
    )
    .await
    .refused(403, "forbidden", None);
    // Someone outside the organization is told none of it exists.
    for path in [&on_v1, &review_v1] {
        api.get(path, outsider)
            .await
            .refused(404, "not_found", None);
    }
    api.with_token(Method::POST, &on_v1, outsider, Some(pinned.clone()))
        .await
        .refused(404, "not_found", None);

    // The lead asks the client for a review: the client must first be a reviewer.
    let ask = format!("/api/files/{file}/versions/1/review/requests");
    let client_id = user_id(&team.client);
    api.with_token(
        Method::POST,
        &ask,
        owner,
        Some(json!({"reviewers": [client_id]})),
    )
    .await
    .refused(422, "invalid", Some("reviewers"));
    api.with_token(
        Method::POST,
        &ask,
        owner,
        Some(json!({"reviewers": [user_id(&team.outsider)]})),
    )
    .await
    .refused(409, "invalid_reference", Some("reviewers"));
    assert!(
        !kinds(&api, client)
            .await
            .contains(&"review_requested".to_owned())
    );
    api.with_token(
        Method::PUT,
        &format!("/api/projects/{}/members/{client_id}", team.project),
        owner,
        Some(json!({"role": "reviewer"})),
    )
    .await
    .expect(200);
    let asked = api
        .with_token(
            Method::POST,
            &ask,
            owner,
            Some(json!({"reviewers": [client_id, client_id]})),
        )
        .await
        .expect(200);
    assert_eq!(asked.body["requested"][0]["userId"], client_id);
    assert_eq!(asked.body["requested"].as_array().unwrap().len(), 1);
    assert_eq!(kinds(&api, client).await, ["review_requested"]);

    // The client pins a thread; the uploader is told.
    let thread = api
        .with_token(Method::POST, &on_v1, client, Some(pinned))
        .await
        .expect(201);
    assert_eq!(thread.body["pin"]["x"], 0.25);
    assert_eq!(thread.body["pin"]["width"], Value::Null);
    assert_eq!(thread.body["canEdit"], true);
    let thread_id = thread.body["id"].as_str().unwrap().to_owned();
    assert_eq!(kinds(&api, member).await, ["review_commented"]);
    let rect =
        json!({"body": "This block", "pin": {"x": 0.5, "y": 0.5, "width": 0.5, "height": 0.25}});
    let boxed = api
        .with_token(Method::POST, &on_v1, client, Some(rect))
        .await
        .expect(201);
    assert_eq!(boxed.body["pin"]["height"], 0.25);

    // The uploader replies, mentioning the lead; the thread's author and the lead are told.
    let reply = api
        .with_token(
            Method::POST,
            &on_v1,
            member,
            Some(
                json!({"body": "On it", "parentId": thread_id, "mentions": [user_id(&team.owner)]}),
            ),
        )
        .await
        .expect(201);
    let reply_id = reply.body["id"].as_str().unwrap().to_owned();
    assert_eq!(reply.body["parentId"], thread_id.as_str());
    assert_eq!(kinds(&api, owner).await[0], "mentioned");
    assert_eq!(kinds(&api, client).await[0], "review_commented");

    // Refusals, each changing nothing.
    let refusals = [
        (
            json!({"body": "x", "pin": {"x": 1.5, "y": 0.5}}),
            422,
            "invalid",
            "pin",
        ),
        (
            json!({"body": "x", "pin": {"x": 0.5, "y": 0.5, "width": 0.2}}),
            422,
            "invalid",
            "pin",
        ),
        (
            json!({"body": "x", "pin": {"x": 0.9, "y": 0.5, "width": 0.2, "height": 0.1}}),
            422,
            "invalid",
            "pin",
        ),
        (
            json!({"body": "x", "pin": {"x": 0.5, "y": 0.5, "page": 2}}),
            422,
            "invalid",
            "pin",
        ),
        (
            json!({"body": "x", "parentId": thread_id, "pin": {"x": 0.5, "y": 0.5}}),
            422,
            "invalid",
            "pin",
        ),
        (json!({"body": "   "}), 422, "invalid", "body"),
        (
            json!({"body": "x", "parentId": reply_id}),
            409,
            "invalid_reference",
            "parentId",
        ),
        (
            json!({"body": "x", "mentions": [user_id(&team.outsider)]}),
            409,
            "invalid_reference",
            "mentions",
        ),
    ];
    let before = comments(&api, &file, 1, client).await;
    for (body, status, code, field) in refusals {
        api.with_token(Method::POST, &on_v1, client, Some(body))
            .await
            .refused(status, code, Some(field));
    }
    assert_eq!(comments(&api, &file, 1, client).await, before);
    assert_eq!(before.len(), 3);

    // Resolve and reopen (anyone who may comment; threads only); edit and delete (authors).
    let change = |id: &str| format!("/api/files/{file}/comments/{id}");
    api.with_token(
        Method::PATCH,
        &change(&reply_id),
        client,
        Some(json!({"resolved": true})),
    )
    .await
    .refused(422, "invalid", Some("resolved"));
    api.with_token(
        Method::PATCH,
        &change(&thread_id),
        member,
        Some(json!({"body": "not mine"})),
    )
    .await
    .refused(403, "forbidden", None);
    let resolved = api
        .with_token(
            Method::PATCH,
            &change(&thread_id),
            member,
            Some(json!({"resolved": true})),
        )
        .await
        .expect(200);
    assert_eq!(resolved.body["resolved"], true);
    assert_eq!(resolved.body["resolvedBy"], user_id(&team.member));
    let reopened = api
        .with_token(
            Method::PATCH,
            &change(&thread_id),
            client,
            Some(json!({"resolved": false, "body": "Warmer red, please"})),
        )
        .await
        .expect(200);
    assert_eq!(reopened.body["resolved"], false);
    assert_eq!(reopened.body["body"], "Warmer red, please");
    api.with_token(Method::DELETE, &change(&reply_id), client, None)
        .await
        .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &change(&reply_id), member, None)
        .await
        .expect(204);
    let now = comments(&api, &file, 1, member).await;
    let tomb = now.iter().find(|c| c["id"] == reply_id.as_str()).unwrap();
    assert_eq!(tomb["body"], "");
    assert!(tomb["deletedAt"].is_string());
    // Another file's comment is not found under this one.
    let other = upload(server, member, &files, "other.png", &png(2, 100))
        .await
        .expect(201);
    let other = other.body["id"].as_str().unwrap();
    api.with_token(
        Method::PATCH,
        &format!("/api/files/{other}/comments/{thread_id}"),
        client,
        Some(json!({"resolved": true})),
    )
    .await
    .refused(404, "not_found", None);

    // Decisions: the editor may not decide; the client approves, the lead asks for changes.
    api.with_token(
        Method::PUT,
        &review_v1,
        member,
        Some(json!({"decision": "approved"})),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::PUT,
        &review_v1,
        client,
        Some(json!({"decision": "maybe"})),
    )
    .await
    .refused(422, "invalid", Some("decision"));
    let approved = api
        .with_token(
            Method::PUT,
            &review_v1,
            client,
            Some(json!({"decision": "approved", "note": "  Lovely  "})),
        )
        .await
        .expect(200);
    assert_eq!(approved.body["state"], "approved");
    assert_eq!(approved.body["decisions"][0]["note"], "Lovely");
    assert_eq!(kinds(&api, member).await[0], "review_decision");
    let changes = api
        .with_token(
            Method::PUT,
            &review_v1,
            owner,
            Some(json!({"decision": "changes_requested"})),
        )
        .await
        .expect(200);
    assert_eq!(changes.body["state"], "changes_requested");
    assert_eq!(changes.body["decisions"].as_array().unwrap().len(), 2);

    // Version 2 starts pending; the client approves it, and the file shows it.
    upload(
        server,
        member,
        &format!("/api/files/{file}/versions"),
        "poster v2.png",
        &png(3, 100),
    )
    .await
    .expect(201);
    let review_v2 = format!("/api/files/{file}/versions/2/review");
    assert_eq!(
        api.get(&review_v2, client).await.expect(200).body["state"],
        "pending"
    );
    api.with_token(
        Method::PUT,
        &review_v2,
        client,
        Some(json!({"decision": "approved"})),
    )
    .await
    .expect(200);
    let shown = api
        .get(&format!("/api/files/{file}"), member)
        .await
        .expect(200);
    assert_eq!(shown.body["latest"]["review"], "approved");
    let versions = api
        .get(&format!("/api/files/{file}/versions"), member)
        .await
        .expect(200);
    assert_eq!(versions.body["items"][1]["review"], "changes_requested");
    // The client's approval replaced nothing of v1's.
    assert_eq!(
        api.get(&review_v1, member).await.expect(200).body["state"],
        "changes_requested"
    );
}

both_backends!(a_client_comments_and_decides_on_a_version);
