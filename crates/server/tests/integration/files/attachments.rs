//! Files attached to tasks: leads and editors attach files of the same project, once each,
//! and take them off; anyone on the project sees them with their review state; a file of
//! another project, a viewer or someone outside changes nothing.

use reqwest::Method;
use serde_json::{Value, json};

use super::*;
use crate::{accounts::client::*, both_backends, messaging::team::Team, support::*};

fn ids(list: &Answer) -> Vec<(String, String)> {
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item: &Value| {
            (
                item["taskId"].as_str().unwrap().to_owned(),
                item["file"]["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn tasks_carry_files_of_their_project(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, member, client, outsider) = team.tokens();
    let project = &team.project;
    let made = upload(
        server,
        member,
        &format!("/api/projects/{project}/files"),
        "set.png",
        &png(1, 100),
    )
    .await
    .expect(201);
    let file = made.body["id"].as_str().unwrap().to_owned();
    let task = api
        .with_token(
            Method::POST,
            &format!("/api/projects/{project}/tasks"),
            owner,
            Some(json!({"title": "Paint the set"})),
        )
        .await
        .expect(201);
    let task = task.body["id"].as_str().unwrap().to_owned();
    let on_task = format!("/api/projects/{project}/tasks/{task}/files");
    let board = format!("/api/projects/{project}/task-files");

    // Another project's file, a viewer, a task that is not there: refused, nothing attached.
    let shown = api
        .get(&format!("/api/projects/{project}"), owner)
        .await
        .expect(200);
    let org = shown.body["organizationId"].as_str().unwrap();
    let other = crate::workspace::projects::project(&api, owner, org, json!({"name": "Other"}))
        .await
        .expect(201);
    let other = other.body["id"].as_str().unwrap();
    let elsewhere = upload(
        server,
        owner,
        &format!("/api/projects/{other}/files"),
        "x.png",
        &png(2, 100),
    )
    .await
    .expect(201);
    let elsewhere = elsewhere.body["id"].as_str().unwrap();
    api.with_token(
        Method::POST,
        &on_task,
        member,
        Some(json!({"fileId": elsewhere})),
    )
    .await
    .refused(409, "invalid_reference", Some("fileId"));
    api.with_token(
        Method::POST,
        &on_task,
        client,
        Some(json!({"fileId": file})),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::POST,
        &format!("/api/projects/{project}/tasks/{}/files", uuid::Uuid::nil()),
        member,
        Some(json!({"fileId": file})),
    )
    .await
    .refused(404, "not_found", None);
    assert!(ids(&api.get(&board, client).await.expect(200)).is_empty());

    // The editor attaches it, twice: once on the task, with its review state.
    for _ in 0..2 {
        let list = api
            .with_token(
                Method::POST,
                &on_task,
                member,
                Some(json!({"fileId": file})),
            )
            .await
            .expect(200);
        assert_eq!(ids(&list), [(task.clone(), file.clone())]);
        assert_eq!(list.body["items"][0]["file"]["latest"]["review"], "pending");
    }
    let seen = api.get(&board, client).await.expect(200);
    assert_eq!(ids(&seen), [(task.clone(), file.clone())]);
    assert_eq!(ids(&api.get(&on_task, client).await.expect(200)).len(), 1);
    for path in [&board, &on_task] {
        api.get(path, outsider)
            .await
            .refused(404, "not_found", None);
    }

    // Taken off by an editor, not by a viewer; once.
    let off = format!("{on_task}/{file}");
    api.with_token(Method::DELETE, &off, client, None)
        .await
        .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &off, member, None)
        .await
        .expect(204);
    api.with_token(Method::DELETE, &off, member, None)
        .await
        .refused(404, "not_found", None);
    assert!(ids(&api.get(&board, member).await.expect(200)).is_empty());
}

both_backends!(tasks_carry_files_of_their_project);
