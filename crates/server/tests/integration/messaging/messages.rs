//! Messages: numbering, history both ways, threads, edits, tombstones, reactions,
//! mentions, resends, the project channel's rules, and refusals that change nothing.

use reqwest::Method;
use serde_json::{Value, json};

use super::team::*;
use crate::{accounts::client::*, both_backends, support::*, workspace::studio::user_id};

fn seqs(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_i64().unwrap())
        .collect()
}

async fn history_pages_both_ways_by_sequence(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let channel = team.project.as_str();
    for n in 1..=7 {
        let sent = send(&api, &team.owner, channel, &format!("Note {n}")).await;
        assert_eq!(sent["seq"], n, "numbers are 1, 2, 3… per conversation");
    }
    let path = format!("/api/conversations/{channel}/messages");
    let newest = api
        .get(&format!("{path}?limit=3"), token(&team.member))
        .await
        .expect(200);
    assert_eq!(seqs(&newest.body), [5, 6, 7]);
    assert_eq!(newest.body["hasMore"], true);
    assert_eq!(newest.body["lastSeq"], 7);
    let older = api
        .get(&format!("{path}?limit=3&before=5"), token(&team.member))
        .await
        .expect(200);
    assert_eq!(seqs(&older.body), [2, 3, 4]);
    let oldest = api
        .get(&format!("{path}?limit=3&before=2"), token(&team.member))
        .await
        .expect(200);
    assert_eq!(seqs(&oldest.body), [1]);
    assert_eq!(oldest.body["hasMore"], false);
    // Forward from a position: exactly what a client that saw up to 4 missed.
    let missed = api
        .get(&format!("{path}?after=4"), token(&team.member))
        .await
        .expect(200);
    assert_eq!(seqs(&missed.body), [5, 6, 7]);
    assert_eq!(missed.body["hasMore"], false);
    // Both: the window between them.
    let between = api
        .get(&format!("{path}?after=1&before=5"), token(&team.member))
        .await
        .expect(200);
    assert_eq!(seqs(&between.body), [2, 3, 4]);
    assert_eq!(between.body["hasMore"], false);
    let first_of_window = api
        .get(
            &format!("{path}?after=1&before=6&limit=2"),
            token(&team.member),
        )
        .await
        .expect(200);
    assert_eq!(seqs(&first_of_window.body), [2, 3]);
    assert_eq!(first_of_window.body["hasMore"], true);
}

async fn threads_edits_tombstones_and_reactions(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let channel = team.project.as_str();
    let path = format!("/api/conversations/{channel}/messages");
    let root = send(&api, &team.owner, channel, "Which **fabric**?").await;
    let reply = api
        .with_token(
            Method::POST,
            &path,
            token(&team.member),
            Some(json!({"body": "Velvet", "parentId": id(&root)})),
        )
        .await
        .expect(201)
        .body;
    // A reply to a reply is refused: threads are one level deep.
    api.with_token(
        Method::POST,
        &path,
        token(&team.member),
        Some(json!({"body": "Deeper", "parentId": id(&reply)})),
    )
    .await
    .refused(422, "invalid", Some("parentId"));
    let main = api.get(&path, token(&team.member)).await.expect(200);
    assert_eq!(
        seqs(&main.body),
        [1],
        "the main line holds the thread's start"
    );
    assert_eq!(main.body["items"][0]["replyCount"], 1);
    let thread = api
        .get(&format!("{path}?thread={}", id(&root)), token(&team.member))
        .await
        .expect(200);
    assert_eq!(thread.body["items"][0]["body"], "Velvet");
    let all = api
        .get(&format!("{path}?includeReplies=true"), token(&team.member))
        .await
        .expect(200);
    assert_eq!(seqs(&all.body), [1, 2]);

    // Only the author edits or deletes.
    let message = format!("/api/messages/{}", id(&reply));
    api.with_token(
        Method::PATCH,
        &message,
        token(&team.owner),
        Some(json!({"body": "Silk"})),
    )
    .await
    .refused(403, "forbidden", None);
    let edited = api
        .with_token(
            Method::PATCH,
            &message,
            token(&team.member),
            Some(json!({"body": "Silk"})),
        )
        .await
        .expect(200);
    assert_eq!(edited.body["body"], "Silk");
    assert!(edited.body["editedAt"].is_string());

    // Reactions: one per person and emoji, taken back with DELETE.
    let reactions = format!("{message}/reactions");
    for who in [&team.owner, &team.owner, &team.member] {
        api.with_token(
            Method::POST,
            &reactions,
            token(who),
            Some(json!({"emoji": "👍"})),
        )
        .await
        .expect(200);
    }
    let liked = api
        .with_token(
            Method::POST,
            &reactions,
            token(&team.owner),
            Some(json!({"emoji": "🎉"})),
        )
        .await
        .expect(200);
    assert_eq!(liked.body["reactions"][0]["emoji"], "🎉");
    assert_eq!(liked.body["reactions"][1]["emoji"], "👍");
    assert_eq!(liked.body["reactions"][1]["count"], 2);
    let unliked = api
        .with_token(
            Method::DELETE,
            &format!("{reactions}?emoji=%F0%9F%91%8D"),
            token(&team.owner),
            None,
        )
        .await
        .expect(200);
    assert_eq!(
        unliked.body["reactions"][1]["userIds"],
        json!([user_id(&team.member)])
    );
    api.with_token(
        Method::POST,
        &reactions,
        token(&team.owner),
        Some(json!({"emoji": "two words"})),
    )
    .await
    .refused(422, "invalid", Some("emoji"));

    // Deleting leaves a tombstone in place; it cannot be edited or deleted again.
    let gone = api
        .with_token(Method::DELETE, &message, token(&team.member), None)
        .await
        .expect(200);
    assert_eq!(gone.body["deleted"], true);
    assert_eq!(gone.body["body"], "");
    assert_eq!(gone.body["reactions"], json!([]));
    let thread = api
        .get(&format!("{path}?thread={}", id(&root)), token(&team.member))
        .await
        .expect(200);
    assert_eq!(thread.body["items"][0]["deleted"], true);
    api.with_token(Method::DELETE, &message, token(&team.member), None)
        .await
        .refused(404, "not_found", None);
    api.with_token(
        Method::PATCH,
        &message,
        token(&team.member),
        Some(json!({"body": "Back"})),
    )
    .await
    .refused(404, "not_found", None);
}

async fn a_resend_with_the_same_client_id_posts_once(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let path = format!("/api/conversations/{}/messages", team.project);
    let body = json!({"body": "Call at 3", "clientId": "draft-42"});
    let first = api
        .with_token(Method::POST, &path, token(&team.owner), Some(body.clone()))
        .await
        .expect(201);
    let again = api
        .with_token(Method::POST, &path, token(&team.owner), Some(body.clone()))
        .await
        .expect(200);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.body["clientId"], "draft-42");
    let history = api.get(&path, token(&team.owner)).await.expect(200);
    assert_eq!(seqs(&history.body), [1]);
    // Another person may use the same client id: it is theirs.
    api.with_token(Method::POST, &path, token(&team.member), Some(body))
        .await
        .expect(201);
}

/// Found in the audit of security finding 4: a resend by client id answered (with the
/// message's reactions and replies as they are now) before access to the conversation was
/// checked, so someone removed from a group still read it.
async fn a_resend_after_losing_the_conversation_is_refused(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let group = api
        .with_token(
            Method::POST,
            "/api/conversations",
            token(&team.owner),
            Some(
                json!({"kind": "group", "name": "Crew", "participantIds": [user_id(&team.member)]}),
            ),
        )
        .await
        .expect(201);
    let group = group.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/conversations/{group}/messages");
    let body = json!({"body": "Draft", "clientId": "draft-7"});
    api.with_token(Method::POST, &path, token(&team.member), Some(body.clone()))
        .await
        .expect(201);
    api.with_token(
        Method::DELETE,
        &format!(
            "/api/conversations/{group}/participants/{}",
            user_id(&team.member)
        ),
        token(&team.owner),
        None,
    )
    .await
    .expect(200);
    api.with_token(Method::POST, &path, token(&team.member), Some(body))
        .await
        .refused(404, "not_found", None);
}

async fn mentions_notify_people_in_the_conversation(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let path = format!("/api/conversations/{}/messages", team.project);
    let sent = api
        .with_token(
            Method::POST,
            &path,
            token(&team.owner),
            Some(json!({"body": "@ann can you check?", "mentions": [user_id(&team.member)]})),
        )
        .await
        .expect(201);
    assert_eq!(sent.body["mentions"], json!([user_id(&team.member)]));
    let inbox = api
        .get("/api/notifications", token(&team.member))
        .await
        .expect(200);
    let note = &inbox.body["items"][0];
    assert_eq!(note["kind"], "mentioned");
    assert_eq!(note["title"], "Owner mentioned you in Show");
    assert_eq!(note["data"]["conversationId"], team.project);
    assert_eq!(note["data"]["seq"], 1);
    // Only people who can read the conversation may be mentioned.
    api.with_token(
        Method::POST,
        &path,
        token(&team.owner),
        Some(json!({"body": "hi", "mentions": [user_id(&team.outsider)]})),
    )
    .await
    .refused(409, "invalid_reference", Some("mentions"));
}

async fn a_project_channel_follows_the_project(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let channel = team.project.as_str();
    let path = format!("/api/conversations/{channel}/messages");
    send(&api, &team.member, channel, "Staff can post").await;
    // The client is a viewer on the project: reads the channel, may not post in it.
    let read = api.get(&path, token(&team.client)).await.expect(200);
    assert_eq!(read.body["items"][0]["body"], "Staff can post");
    api.with_token(
        Method::POST,
        &path,
        token(&team.client),
        Some(json!({"body": "Me too"})),
    )
    .await
    .refused(403, "forbidden", None);
    // Someone outside the organization does not know it exists.
    api.get(&path, token(&team.outsider))
        .await
        .refused(404, "not_found", None);
    // Off the project, the client loses the channel.
    api.with_token(
        Method::DELETE,
        &format!("/api/projects/{channel}/members/{}", user_id(&team.client)),
        token(&team.owner),
        None,
    )
    .await
    .expect(200);
    api.get(&path, token(&team.client))
        .await
        .refused(404, "not_found", None);
    let list = api
        .get("/api/conversations", token(&team.client))
        .await
        .expect(200);
    assert_eq!(list.body["items"], json!([]));
}

async fn refused_messages_change_nothing(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let channel = team.project.as_str();
    let path = format!("/api/conversations/{channel}/messages");
    send(&api, &team.owner, channel, "Kept").await;
    let refusals = [
        (json!({"body": ""}), 422, "body"),
        (json!({"body": "   \n"}), 422, "body"),
        (json!({"body": "x".repeat(10_001)}), 422, "body"),
        (json!({}), 422, "body"),
        (json!({"body": 5}), 422, "body"),
        (json!({"body": "hi", "parentId": "nope"}), 422, "parentId"),
        (
            json!({"body": "hi", "parentId": uuid::Uuid::now_v7()}),
            409,
            "parentId",
        ),
        (
            json!({"body": "hi", "clientId": "has space"}),
            422,
            "clientId",
        ),
        (
            json!({"body": "hi", "mentions": ["nope"]}),
            422,
            "mentions[0]",
        ),
        (json!({"body": "hi", "unknown": true}), 422, "unknown"),
    ];
    for (body, status, field) in refusals {
        let answer = api
            .with_token(Method::POST, &path, token(&team.owner), Some(body.clone()))
            .await;
        assert_eq!(answer.status, status, "{body}: {:?}", answer.body);
        assert_eq!(answer.body["field"], field, "{body}");
    }
    let malformed = api
        .call(
            Method::POST,
            &path,
            Send {
                bearer: Some(token(&team.owner)),
                raw: Some(("application/json", "{not json")),
                ..Send::default()
            },
        )
        .await;
    assert_eq!(malformed.status, 400);
    let history = api.get(&path, token(&team.owner)).await.expect(200);
    assert_eq!(seqs(&history.body), [1], "nothing refused was stored");
    assert_eq!(history.body["lastSeq"], 1);
    api.with_token(
        Method::POST,
        "/api/conversations/0190a0a0-0000-7000-8000-000000000000/messages",
        token(&team.owner),
        Some(json!({"body": "Lost"})),
    )
    .await
    .refused(404, "not_found", None);
}

both_backends!(
    a_resend_after_losing_the_conversation_is_refused,
    history_pages_both_ways_by_sequence,
    threads_edits_tombstones_and_reactions,
    a_resend_with_the_same_client_id_posts_once,
    mentions_notify_people_in_the_conversation,
    a_project_channel_follows_the_project,
    refused_messages_change_nothing,
);
