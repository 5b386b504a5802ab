//! Comments with mentions, and milestones with progress.

use reqwest::Method;
use serde_json::json;

use super::{studio::*, tasks::setup};
use crate::{accounts::client::*, both_backends, support::*};

async fn comments_notify_mentions_and_assignees(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, editor, client, id) = setup(&studio, &api).await;
    let task = api
        .with_token(
            Method::POST,
            &format!("/api/projects/{id}/tasks"),
            token(&owner),
            Some(json!({"title": "Costume sketches", "assigneeId": user_id(&editor)})),
        )
        .await
        .expect(201);
    let comments = format!(
        "/api/projects/{id}/tasks/{}/comments",
        task.body["id"].as_str().unwrap()
    );
    let outsider = api.signup("outsider@studio.example", "Outsider").await;

    // The client (a reviewer) comments and mentions the owner.
    let said = api
        .with_token(
            Method::POST,
            &comments,
            token(&client),
            Some(json!({"body": "Can the **capes** be longer, @Owner?", "mentions": [user_id(&owner)]})),
        )
        .await
        .expect(201);
    assert_eq!(said.body["authorName"], "client");
    assert_eq!(said.body["mentions"], json!([user_id(&owner)]));
    let inbox = api
        .get("/api/notifications", token(&owner))
        .await
        .expect(200);
    assert_eq!(inbox.body["items"][0]["kind"], "mentioned");
    let assignee_inbox = api
        .get("/api/notifications?unread=true", token(&editor))
        .await
        .expect(200);
    let kinds: Vec<&str> = assignee_inbox.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["task_commented", "task_assigned"]);
    let own = api
        .get("/api/notifications", token(&client))
        .await
        .expect(200);
    assert_eq!(
        own.body["unreadCount"], 0,
        "no one is told of their own comment"
    );

    for (body, status, field) in [
        (json!({"body": ""}), 422, "body"),
        (json!({"body": "x".repeat(5001)}), 422, "body"),
        // Someone not on the project is not there to be mentioned.
        (
            json!({"body": "hi", "mentions": [user_id(&outsider)]}),
            409,
            "mentions",
        ),
        (
            json!({"body": "hi", "mentions": ["not-a-uuid"]}),
            422,
            "mentions[0]",
        ),
    ] {
        let answer = api
            .with_token(Method::POST, &comments, token(&editor), Some(body.clone()))
            .await;
        assert_eq!(
            (answer.status, answer.body["field"].as_str()),
            (status, Some(field)),
            "{body}: {:#}",
            answer.body
        );
    }
    api.with_token(
        Method::POST,
        &comments,
        token(&outsider),
        Some(json!({"body": "hi"})),
    )
    .await
    .refused(404, "not_found", None);

    // Only the author edits or deletes; deleting leaves a tombstone in the thread.
    let comment = format!("{comments}/{}", said.body["id"].as_str().unwrap());
    api.with_token(
        Method::PATCH,
        &comment,
        token(&owner),
        Some(json!({"body": "mine now"})),
    )
    .await
    .refused(403, "forbidden", None);
    let edited = api
        .with_token(
            Method::PATCH,
            &comment,
            token(&client),
            Some(json!({"body": "Longer capes, please."})),
        )
        .await
        .expect(200);
    assert!(edited.body["editedAt"].is_string());
    api.with_token(
        Method::POST,
        &comments,
        token(&editor),
        Some(json!({"body": "Will do."})),
    )
    .await
    .expect(201);
    api.with_token(Method::DELETE, &comment, token(&client), None)
        .await
        .expect(200);
    let thread = api.get(&comments, token(&client)).await.expect(200);
    let items = thread.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0]["deleted"].as_bool(), items[0]["body"].as_str()),
        (Some(true), Some(""))
    );
    assert_eq!(items[1]["body"], "Will do.");
    api.with_token(Method::DELETE, &comment, token(&client), None)
        .await
        .refused(404, "not_found", None);
}

async fn milestones_measure_their_tasks(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, editor, client, id) = setup(&studio, &api).await;
    let milestones = format!("/api/projects/{id}/milestones");
    api.with_token(
        Method::POST,
        &milestones,
        token(&client),
        Some(json!({"title": "Opener"})),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::POST,
        &milestones,
        token(&editor),
        Some(json!({"title": " "})),
    )
    .await
    .refused(422, "invalid", Some("title"));
    let opener = api
        .with_token(
            Method::POST,
            &milestones,
            token(&editor),
            Some(json!({"title": "Opener", "dueDate": "2027-04-01"})),
        )
        .await
        .expect(201);
    let opener_id = opener.body["id"].as_str().unwrap().to_owned();
    assert_eq!(opener.body["progress"], 0);

    let tasks = format!("/api/projects/{id}/tasks");
    let mut task_ids = vec![];
    for title in ["Drill", "Music"] {
        let task = api
            .with_token(
                Method::POST,
                &tasks,
                token(&editor),
                Some(json!({"title": title, "milestoneId": opener_id})),
            )
            .await
            .expect(201);
        task_ids.push(task.body["id"].as_str().unwrap().to_owned());
    }
    api.with_token(
        Method::POST,
        &format!("{tasks}/{}/move", task_ids[0]),
        token(&editor),
        Some(json!({"status": "done", "index": 0})),
    )
    .await
    .expect(200);
    let listed = api.get(&milestones, token(&client)).await.expect(200);
    let first = &listed.body["items"][0];
    assert_eq!(
        (
            first["taskCount"].as_i64(),
            first["doneCount"].as_i64(),
            first["progress"].as_i64()
        ),
        (Some(2), Some(1), Some(50))
    );

    // A milestone of another project is refused.
    let other = super::projects::project(
        &api,
        token(&owner),
        first_org(&api, &owner).await.as_str(),
        json!({"name": "Other"}),
    )
    .await
    .expect(201);
    let foreign = api
        .with_token(
            Method::POST,
            &format!(
                "/api/projects/{}/milestones",
                other.body["id"].as_str().unwrap()
            ),
            token(&owner),
            Some(json!({"title": "Elsewhere"})),
        )
        .await
        .expect(201);
    api.with_token(
        Method::PATCH,
        &format!("{tasks}/{}", task_ids[1]),
        token(&editor),
        Some(json!({"milestoneId": foreign.body["id"]})),
    )
    .await
    .refused(409, "invalid_reference", Some("milestoneId"));

    // Deleting the milestone keeps its tasks.
    api.with_token(
        Method::DELETE,
        &format!("{milestones}/{opener_id}"),
        token(&editor),
        None,
    )
    .await
    .expect(200);
    let task = api
        .get(&format!("{tasks}/{}", task_ids[1]), token(&editor))
        .await
        .expect(200);
    let feed = api
        .get(
            &format!("/api/projects/{id}/activities?limit=100"),
            token(&editor),
        )
        .await
        .expect(200);
    let milestone_feed: Vec<&str> = feed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .filter(|a| a.starts_with("milestone."))
        .collect();
    assert_eq!(milestone_feed, ["milestone.deleted", "milestone.created"]);
    assert!(task.body["milestoneId"].is_null());
}

async fn first_org(api: &Api<'_>, who: &serde_json::Value) -> String {
    let list = api.get("/api/organizations", token(who)).await.expect(200);
    list.body["organizations"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

both_backends!(
    comments_notify_mentions_and_assignees,
    milestones_measure_their_tasks
);
