//! Two processes writing one SQLite file, as the server and `serve --only collab` share it:
//! every write transaction begins IMMEDIATE (`fluxstudio_store::Begin`), so when their
//! writes interleave one waits for the other instead of failing with SQLITE_BUSY. (A
//! deferred transaction that reads before it writes gets SQLITE_BUSY at its first write
//! whenever the other process wrote meanwhile, whatever the busy timeout.)

use reqwest::Method;
use serde_json::{Value, json};

use crate::{accounts::client::*, support::*};

const SECRET: &str = "two-writers-jwt-secret-0123456789abcdefghijkl";
/// Tasks each process adds at once: every one reads the column's last place, then writes.
const TASKS_EACH: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_write_one_file_and_neither_is_refused() {
    let scratch = Scratch::new();
    let url = format!("sqlite://{}/shared.db", scratch.path().display());
    let first = server(Backend::Sqlite)
        .database_url(&url)
        .env("JWT_SECRET", SECRET)
        .start()
        .await;
    let second = server(Backend::Sqlite)
        .database_url(&url)
        .env("JWT_SECRET", SECRET)
        .start()
        .await;
    let (api_a, api_b) = (Api::new(&first).await, Api::new(&second).await);
    let owner = api_a.signup("ada@studio.example", "Ada").await;
    let bearer = token(&owner);
    let org = api_a
        .with_token(
            Method::POST,
            "/api/organizations",
            bearer,
            Some(json!({"name": "Studio"})),
        )
        .await
        .expect(201);
    let project = api_b
        .with_token(
            Method::POST,
            "/api/projects",
            bearer,
            Some(json!({"organizationId": org.body["id"], "name": "Show"})),
        )
        .await
        .expect(201);
    let tasks = format!(
        "/api/projects/{}/tasks",
        project.body["id"].as_str().unwrap()
    );

    // Each process adds its tasks one after another; the two run at once, so their
    // transactions interleave on the file.
    let (from_a, from_b) = tokio::join!(
        add_each(&api_a, &tasks, bearer, 0),
        add_each(&api_b, &tasks, bearer, TASKS_EACH)
    );
    for (status, body) in from_a.iter().chain(&from_b) {
        assert_eq!(*status, 201, "{body:#}");
    }

    // Everything acknowledged is there, each in a place of its own.
    let board = api_a
        .with_token(Method::GET, &tasks, bearer, None)
        .await
        .expect(200);
    let listed = board.body["tasks"].as_array().unwrap();
    assert_eq!(listed.len(), 2 * TASKS_EACH);
    let mut places: Vec<(&Value, &Value)> = listed
        .iter()
        .map(|t| (&t["status"], &t["position"]))
        .collect();
    places.sort_by_key(|(status, position)| (status.to_string(), position.as_i64()));
    places.dedup();
    assert_eq!(places.len(), 2 * TASKS_EACH, "two tasks share a place");
    for log in [first.log(), second.log()] {
        assert!(!log.contains("database is locked"), "{log}");
    }
}

/// Adds `TASKS_EACH` tasks one after another; their statuses and bodies.
async fn add_each(api: &Api<'_>, tasks: &str, bearer: &str, from: usize) -> Vec<(u16, Value)> {
    let mut answers = Vec::new();
    for n in from..from + TASKS_EACH {
        let body = json!({ "title": format!("Task {n}") });
        let answer = api
            .with_token(Method::POST, tasks, bearer, Some(body))
            .await;
        answers.push((answer.status, answer.body));
    }
    answers
}
