//! Starting, listing and changing conversations, and who may.

use reqwest::Method;
use serde_json::json;

use super::team::*;
use crate::{accounts::client::*, both_backends, support::*, workspace::studio::user_id};

async fn direct_conversations_are_one_per_pair(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let body = json!({"kind": "direct", "participantIds": [user_id(&team.member)]});
    let first = start(&api, &team.owner, body).await;
    assert_eq!(first["kind"], "direct");
    assert_eq!(
        first["title"], "editor",
        "a direct conversation is called by the other person"
    );
    assert_eq!(first["participants"].as_array().unwrap().len(), 2);
    // The other person starting it finds the same one (200, not 201).
    let again = api
        .with_token(
            Method::POST,
            "/api/conversations",
            token(&team.member),
            Some(json!({"kind": "direct", "participantIds": [user_id(&team.owner)]})),
        )
        .await
        .expect(200);
    assert_eq!(again.body["id"], first["id"]);
    assert_eq!(again.body["title"], "Owner");
}

async fn lists_hold_the_last_message_and_unread_counts(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let group = start(
        &api,
        &team.owner,
        json!({"kind": "group", "name": "Lighting", "participantIds": [user_id(&team.member)]}),
    )
    .await;
    let group = id(&group);
    for text in ["One", "Two", "Three"] {
        send(&api, &team.owner, group, text).await;
    }
    let list = api
        .get("/api/conversations", token(&team.member))
        .await
        .expect(200);
    let items = list.body["items"].as_array().unwrap();
    // The group (newest activity) first, then the project's channel.
    assert_eq!(items[0]["id"], group);
    assert_eq!(items[0]["unreadCount"], 3);
    assert_eq!(items[0]["lastSeq"], 3);
    assert_eq!(items[0]["lastMessage"]["preview"], "Three");
    assert_eq!(items[1]["kind"], "project");
    assert_eq!(items[1]["id"], team.project);
    assert_eq!(items[1]["title"], "Show");
    // The sender has read what they sent.
    let own = api
        .get("/api/conversations", token(&team.owner))
        .await
        .expect(200);
    assert_eq!(own.body["items"][0]["unreadCount"], 0);

    // Reading moves forward only, never past the newest message.
    let read = format!("/api/conversations/{group}/read");
    let reads = [
        (json!({"seq": 2}), 2),
        (json!({"seq": 1}), 2),
        (json!({"seq": 99}), 3),
    ];
    for (body, expected) in reads {
        let answer = api
            .with_token(Method::POST, &read, token(&team.member), Some(body))
            .await
            .expect(200);
        assert_eq!(answer.body["lastReadSeq"], expected);
    }
    let detail = api
        .get(&format!("/api/conversations/{group}"), token(&team.owner))
        .await
        .expect(200);
    let ann = detail.body["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["userId"] == user_id(&team.member))
        .unwrap()
        .clone();
    assert_eq!(
        ann["lastReadSeq"], 3,
        "the read receipt is visible to others"
    );

    // Cursor pages: one conversation a page.
    let first = api
        .get("/api/conversations?limit=1", token(&team.member))
        .await
        .expect(200);
    let cursor = first.body["nextCursor"].as_str().unwrap().to_owned();
    let second = api
        .get(
            &format!("/api/conversations?limit=1&cursor={cursor}"),
            token(&team.member),
        )
        .await
        .expect(200);
    assert_eq!(second.body["items"][0]["id"], team.project);
    assert!(second.body["nextCursor"].is_null());
}

async fn mute_archive_rename_and_participants(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let group = start(
        &api,
        &team.owner,
        json!({"kind": "group", "participantIds": [user_id(&team.member)]}),
    )
    .await;
    assert_eq!(
        group["title"], "editor",
        "an unnamed group is called by its people"
    );
    let path = format!("/api/conversations/{}", id(&group));
    let changed = api
        .with_token(
            Method::PATCH,
            &path,
            token(&team.member),
            Some(json!({"name": "Fittings", "muted": true, "archived": true})),
        )
        .await
        .expect(200);
    assert_eq!(changed.body["title"], "Fittings");
    assert_eq!(changed.body["muted"], true);
    assert_eq!(changed.body["archived"], true);
    // Archived for the member alone.
    let active = api
        .get("/api/conversations", token(&team.member))
        .await
        .expect(200);
    assert!(
        active.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != group["id"])
    );
    let archived = api
        .get("/api/conversations?archived=true", token(&team.member))
        .await
        .expect(200);
    assert_eq!(archived.body["items"][0]["id"], group["id"]);
    let owners = api.get(&path, token(&team.owner)).await.expect(200);
    assert_eq!(owners.body["muted"], false);

    // Adding the client; the member (not the owner) may not remove others, but may leave.
    let participants = format!("{path}/participants");
    api.with_token(
        Method::POST,
        &participants,
        token(&team.member),
        Some(json!({"userIds": [user_id(&team.client)]})),
    )
    .await
    .expect(200);
    api.with_token(
        Method::POST,
        &participants,
        token(&team.member),
        Some(json!({"userIds": []})),
    )
    .await
    .refused(422, "invalid", Some("userIds"));
    let client_path = format!("{participants}/{}", user_id(&team.client));
    api.with_token(Method::DELETE, &client_path, token(&team.member), None)
        .await
        .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &client_path, token(&team.owner), None)
        .await
        .expect(200);
    api.get(&path, token(&team.client))
        .await
        .refused(404, "not_found", None);
    let leave = format!("{participants}/{}", user_id(&team.member));
    api.with_token(Method::DELETE, &leave, token(&team.member), None)
        .await
        .expect(200);
    api.get(&path, token(&team.member))
        .await
        .refused(404, "not_found", None);
}

async fn conversations_refuse_bad_input_and_strangers(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let outsider = user_id(&team.outsider);
    let member = user_id(&team.member);
    let refusals = [
        (
            json!({"kind": "direct", "participantIds": []}),
            422,
            "participantIds",
        ),
        (
            json!({"kind": "direct", "participantIds": [member, outsider]}),
            422,
            "participantIds",
        ),
        (
            json!({"kind": "direct", "participantIds": [user_id(&team.owner)]}),
            422,
            "participantIds",
        ),
        (
            json!({"kind": "channel", "participantIds": [member]}),
            422,
            "kind",
        ),
        (
            json!({"kind": "group", "participantIds": []}),
            422,
            "participantIds",
        ),
        (
            json!({"kind": "group", "name": "n".repeat(101), "participantIds": [member]}),
            422,
            "name",
        ),
        (
            json!({"kind": "group", "participantIds": ["nope"]}),
            422,
            "participantIds[0]",
        ),
        (
            json!({"kind": "group", "participantIds": [member], "extra": 1}),
            422,
            "extra",
        ),
    ];
    for (body, status, field) in refusals {
        let answer = api
            .with_token(
                Method::POST,
                "/api/conversations",
                token(&team.owner),
                Some(body.clone()),
            )
            .await;
        assert_eq!(answer.status, status, "{body}: {:?}", answer.body);
        assert_eq!(answer.body["field"], field, "{body}");
    }
    // Someone who shares no organization is as good as unknown.
    api.with_token(
        Method::POST,
        "/api/conversations",
        token(&team.owner),
        Some(json!({"kind": "direct", "participantIds": [outsider]})),
    )
    .await
    .refused(404, "not_found", None);
    let list = api
        .get("/api/conversations", token(&team.owner))
        .await
        .expect(200);
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        1,
        "only the project's channel"
    );

    // A stranger to a conversation cannot see, read, rename or join it.
    let direct = start(
        &api,
        &team.owner,
        json!({"kind": "direct", "participantIds": [member]}),
    )
    .await;
    let path = format!("/api/conversations/{}", id(&direct));
    api.get(&path, token(&team.client))
        .await
        .refused(404, "not_found", None);
    api.get(&format!("{path}/messages"), token(&team.client))
        .await
        .refused(404, "not_found", None);
    api.with_token(
        Method::POST,
        &format!("{path}/read"),
        token(&team.client),
        None,
    )
    .await
    .refused(404, "not_found", None);
    // A direct conversation keeps its two people and its (absent) name.
    api.with_token(
        Method::PATCH,
        &path,
        token(&team.owner),
        Some(json!({"name": "x"})),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::POST,
        &format!("{path}/participants"),
        token(&team.owner),
        Some(json!({"userIds": [user_id(&team.client)]})),
    )
    .await
    .refused(403, "forbidden", None);
    api.get("/api/conversations/not-an-id", token(&team.owner))
        .await
        .refused(404, "not_found", None);
    api.get("/api/conversations?limit=0", token(&team.owner))
        .await
        .refused(422, "invalid", Some("limit"));
}

both_backends!(
    direct_conversations_are_one_per_pair,
    lists_hold_the_last_message_and_unread_counts,
    mute_archive_rename_and_participants,
    conversations_refuse_bad_input_and_strangers,
);
