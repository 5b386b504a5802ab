//! The board: tasks created at the bottom of their column, moved between and within
//! columns in a stable order (also under concurrent moves), assigned only to project
//! members, who are notified; reviewers and viewers look but do not touch.

use reqwest::Method;
use serde_json::{Value, json};

use super::{projects::project, studio::*};
use crate::{accounts::client::*, both_backends, support::*};

struct Board<'a> {
    api: &'a Api<'a>,
    path: String,
}

impl Board<'_> {
    async fn add(&self, who: &str, title: &str, status: &str) -> String {
        self.api
            .with_token(
                Method::POST,
                &self.path,
                who,
                Some(json!({"title": title, "status": status})),
            )
            .await
            .expect(201)
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn move_to(&self, who: &str, task: &str, status: &str, index: usize) -> Answer {
        self.api
            .with_token(
                Method::POST,
                &format!("{}/{task}/move", self.path),
                who,
                Some(json!({"status": status, "index": index})),
            )
            .await
    }

    /// The titles in one column, in order.
    async fn column(&self, who: &str, status: &str) -> Vec<String> {
        let board = self.api.get(&self.path, who).await.expect(200);
        board.body["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["status"] == status)
            .map(|t| t["title"].as_str().unwrap().to_owned())
            .collect()
    }
}

pub async fn setup(studio: &Studio, api: &Api<'_>) -> (Value, Value, Value, String) {
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(api, token(&owner), "Studio").await;
    let editor = join(
        studio,
        api,
        token(&owner),
        &org,
        "editor@studio.example",
        "member",
    )
    .await;
    let client = join(
        studio,
        api,
        token(&owner),
        &org,
        "client@brand.example",
        "client",
    )
    .await;
    let created = project(api, token(&owner), &org, json!({"name": "Show"}))
        .await
        .expect(201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    for (who, role) in [(&editor, "editor"), (&client, "reviewer")] {
        api.with_token(
            Method::PUT,
            &format!("/api/projects/{id}/members/{}", user_id(who)),
            token(&owner),
            Some(json!({ "role": role })),
        )
        .await
        .expect(200);
    }
    (owner, editor, client, id)
}

async fn tasks_move_in_a_stable_order(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, editor, client, id) = setup(&studio, &api).await;
    let board = Board {
        api: &api,
        path: format!("/api/projects/{id}/tasks"),
    };
    let e = token(&editor);
    let mut ids = vec![];
    for title in ["A", "B", "C", "D"] {
        ids.push(board.add(e, title, "todo").await);
    }
    assert_eq!(board.column(e, "todo").await, ["A", "B", "C", "D"]);
    board.move_to(e, &ids[3], "todo", 0).await.expect(200);
    assert_eq!(board.column(e, "todo").await, ["D", "A", "B", "C"]);
    board
        .move_to(e, &ids[0], "in_progress", 0)
        .await
        .expect(200);
    board
        .move_to(e, &ids[1], "in_progress", 5)
        .await
        .expect(200);
    board
        .move_to(e, &ids[2], "in_progress", 1)
        .await
        .expect(200);
    assert_eq!(board.column(e, "in_progress").await, ["A", "C", "B"]);
    assert_eq!(board.column(e, "todo").await, ["D"]);
    let done = board.move_to(e, &ids[3], "done", 0).await.expect(200);
    assert!(done.body["completedAt"].is_string());
    let back = board.move_to(e, &ids[3], "todo", 0).await.expect(200);
    assert!(back.body["completedAt"].is_null());

    // Moving again and again to the same place exhausts the gaps; the column is
    // renumbered and the order still holds.
    for _ in 0..15 {
        board
            .move_to(e, &ids[1], "in_progress", 1)
            .await
            .expect(200);
        board
            .move_to(e, &ids[2], "in_progress", 1)
            .await
            .expect(200);
    }
    assert_eq!(board.column(e, "in_progress").await, ["A", "C", "B"]);

    // Many moves at once, from two people: every task stays exactly once, in a total order.
    let mut moves = vec![];
    for n in 0..12 {
        let who = if n % 2 == 0 { token(&owner) } else { e };
        moves.push(board.move_to(who, &ids[n % 3], "review", n % 3));
    }
    for answer in join_all(moves).await {
        assert_eq!(answer.status, 200, "{:#}", answer.body);
    }
    let review = board.column(e, "review").await;
    let mut sorted = review.clone();
    sorted.sort();
    assert_eq!(sorted, ["A", "B", "C"], "{review:?}");

    // The board comes column by column in board order, not alphabetically.
    let order = ["todo", "in_progress", "review", "done", "blocked"];
    board.move_to(e, &ids[3], "blocked", 0).await.expect(200);
    let all = api.get(&board.path, e).await.expect(200);
    let columns: Vec<usize> = all.body["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| order.iter().position(|s| *s == t["status"]).unwrap())
        .collect();
    assert!(columns.windows(2).all(|w| w[0] <= w[1]), "{columns:?}");

    // A PATCH that only changes the column is a move, and only a move in the feed.
    let updates = |feed: &Value| {
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["action"] == "task.updated")
            .count()
    };
    let activities = format!("/api/projects/{id}/activities?limit=100");
    let before = api.get(&activities, e).await.expect(200).body;
    api.with_token(
        Method::PATCH,
        &format!("{}/{}", board.path, ids[3]),
        e,
        Some(json!({"status": "done"})),
    )
    .await
    .expect(200);
    let after = api.get(&activities, e).await.expect(200).body;
    assert_eq!(after["items"][0]["action"], "task.moved");
    assert_eq!(updates(&after), updates(&before));

    // Refusals: a reviewer moves nothing, a bad column, a task of another project.
    board
        .move_to(token(&client), &ids[0], "done", 0)
        .await
        .refused(403, "forbidden", None);
    board
        .move_to(e, &ids[0], "finished", 0)
        .await
        .refused(422, "invalid", Some("status"));
    board
        .move_to(e, "00000000-0000-7000-8000-000000000000", "done", 0)
        .await
        .refused(404, "not_found", None);
}

/// Polls every request together, so each is in flight while the others are.
async fn join_all<F: std::future::Future<Output = Answer>>(futures: Vec<F>) -> Vec<Answer> {
    use std::pin::Pin;
    use std::task::{Context, Poll};
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<Answer>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        let mut pending = false;
        for (future, result) in futures.iter_mut().zip(results.iter_mut()) {
            if result.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(answer) => *result = Some(answer),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(results.iter_mut().map(|r| r.take().unwrap()).collect())
        }
    })
    .await
}

async fn assignees_are_members_and_are_notified(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, editor, client, id) = setup(&studio, &api).await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let tasks = format!("/api/projects/{id}/tasks");

    let create = |who: &Value, body: Value| {
        let tasks = tasks.clone();
        let who = token(who).to_owned();
        let api = &api;
        async move { api.with_token(Method::POST, &tasks, &who, Some(body)).await }
    };
    for (body, status, field) in [
        (json!({"title": ""}), 422, "title"),
        (json!({"title": "x".repeat(501)}), 422, "title"),
        (json!({"title": "T", "status": "doing"}), 422, "status"),
        (
            json!({"title": "T", "priority": "critical"}),
            422,
            "priority",
        ),
        // Someone not on the project is not there to be assigned.
        (
            json!({"title": "T", "assigneeId": user_id(&outsider)}),
            409,
            "assigneeId",
        ),
        (json!({"title": "T", "tags": [""]}), 422, "tags"),
        (json!({"title": "T", "dueDate": "tomorrow"}), 422, "dueDate"),
    ] {
        let answer = create(&editor, body.clone()).await;
        assert_eq!(
            (answer.status, answer.body["field"].as_str()),
            (status, Some(field)),
            "{body}: {:#}",
            answer.body
        );
    }
    create(&client, json!({"title": "Client idea"}))
        .await
        .refused(403, "forbidden", None);
    create(&outsider, json!({"title": "Sneaky"}))
        .await
        .refused(404, "not_found", None);

    let task = create(
        &owner,
        json!({"title": "Chart the opener", "assigneeId": user_id(&editor), "tags": ["Drill", "drill", "brass"],
               "description": "**Bold** moves", "dueDate": "2027-02-01", "priority": "high"}),
    )
    .await
    .expect(201);
    assert_eq!(task.body["tags"], json!(["drill", "brass"]));
    assert_eq!(task.body["assigneeId"], user_id(&editor));

    let inbox = api
        .get("/api/notifications", token(&editor))
        .await
        .expect(200);
    assert_eq!(inbox.body["unreadCount"], 1);
    let note = &inbox.body["items"][0];
    assert_eq!(note["kind"], "task_assigned");
    assert!(note["title"].as_str().unwrap().contains("Chart the opener"));
    assert_eq!(note["data"]["taskId"], task.body["id"]);
    // Assigning yourself tells nobody.
    let task_id = task.body["id"].as_str().unwrap();
    api.with_token(
        Method::PATCH,
        &format!("{tasks}/{task_id}"),
        token(&owner),
        Some(json!({"assigneeId": user_id(&owner), "status": "review", "title": "Chart the opener v2"})),
    )
    .await
    .expect(200);
    let owner_inbox = api
        .get("/api/notifications?unread=true", token(&owner))
        .await
        .expect(200);
    assert_eq!(owner_inbox.body["unreadCount"], 0);
    let moved = api
        .get(&format!("{tasks}/{task_id}"), token(&client))
        .await
        .expect(200);
    assert_eq!(moved.body["status"], "review");
    assert_eq!(moved.body["title"], "Chart the opener v2");

    // Reading and clearing notifications; nobody touches anyone else's.
    let note_id = note["id"].as_str().unwrap();
    api.with_token(
        Method::POST,
        &format!("/api/notifications/{note_id}/read"),
        token(&owner),
        None,
    )
    .await
    .refused(404, "not_found", None);
    api.with_token(
        Method::POST,
        &format!("/api/notifications/{note_id}/read"),
        token(&editor),
        None,
    )
    .await
    .expect(200);
    let after = api
        .get("/api/notifications", token(&editor))
        .await
        .expect(200);
    assert_eq!(after.body["unreadCount"], 0);
    assert_eq!(after.body["items"][0]["read"], true);
    api.with_token(
        Method::DELETE,
        &format!("/api/notifications/{note_id}"),
        token(&editor),
        None,
    )
    .await
    .expect(200);
    api.with_token(
        Method::POST,
        "/api/notifications/read-all",
        token(&editor),
        None,
    )
    .await
    .expect(200);

    // Deleting: reviewers may not, editors may.
    api.with_token(
        Method::DELETE,
        &format!("{tasks}/{task_id}"),
        token(&client),
        None,
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::DELETE,
        &format!("{tasks}/{task_id}"),
        token(&editor),
        None,
    )
    .await
    .expect(200);
    api.get(&format!("{tasks}/{task_id}"), token(&editor))
        .await
        .refused(404, "not_found", None);
}

both_backends!(
    tasks_move_in_a_stable_order,
    assignees_are_members_and_are_notified
);
