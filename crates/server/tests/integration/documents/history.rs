//! Versions: saving one, listing them, restoring one, as the project's roles allow.

use reqwest::Method;
use serde_json::json;

use crate::{
    accounts::client::*,
    both_backends,
    support::*,
    workspace::{studio::*, tasks::setup},
};

async fn versions_are_saved_listed_and_restored(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, editor, client, project) = setup(&studio, &api).await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let documents = format!("/api/projects/{project}/documents");
    let make = |title: &str| {
        api.with_token(
            Method::POST,
            &documents,
            token(&owner),
            Some(json!({ "title": title })),
        )
    };
    let brief = make("Brief").await.expect(201);
    let other = make("Other").await.expect(201);
    let snapshots = format!(
        "/api/documents/{}/snapshots",
        brief.body["id"].as_str().unwrap()
    );
    let save = |who, name: &str| {
        api.with_token(
            Method::POST,
            &snapshots,
            token(who),
            Some(json!({ "name": name })),
        )
    };

    let draft = save(&editor, "Draft 1").await.expect(201);
    assert_eq!(draft.body["name"], "Draft 1");
    assert_eq!(draft.body["automatic"], false);
    assert_eq!(draft.body["createdByName"], "editor");
    assert_eq!(save(&editor, " ").await.expect(422).body["field"], "name");
    assert_eq!(
        save(&editor, &"n".repeat(101)).await.expect(422).body["field"],
        "name"
    );
    save(&client, "Mine").await.expect(403);
    save(&outsider, "Mine").await.expect(404);

    let listed = api.get(&snapshots, token(&client)).await.expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    api.get(&snapshots, token(&outsider)).await.expect(404);

    let draft_id = draft.body["id"].as_str().unwrap();
    let restore = |who, snapshot: &str| {
        let path = format!("{snapshots}/{snapshot}/restore");
        let api = &api;
        async move { api.with_token(Method::POST, &path, token(who), None).await }
    };
    restore(&client, draft_id).await.expect(403);
    restore(&outsider, draft_id).await.expect(404);
    restore(&owner, &uuid::Uuid::new_v4().to_string())
        .await
        .expect(404);
    restore(&owner, "not-an-id").await.expect(404);
    // A version of another document is not this one's.
    let elsewhere = api
        .with_token(
            Method::POST,
            &format!(
                "/api/documents/{}/snapshots",
                other.body["id"].as_str().unwrap()
            ),
            token(&owner),
            Some(json!({"name": "Other's"})),
        )
        .await
        .expect(201);
    restore(&owner, elsewhere.body["id"].as_str().unwrap())
        .await
        .expect(404);

    let restored = restore(&owner, draft_id).await.expect(200);
    assert_eq!(restored.body["backup"]["automatic"], true);
    assert_eq!(
        restored.body["backup"]["name"],
        "Before restoring \u{201c}Draft 1\u{201d}"
    );
    let names: Vec<String> = api.get(&snapshots, token(&owner)).await.expect(200).body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        ["Before restoring \u{201c}Draft 1\u{201d}", "Draft 1"]
    );
}

both_backends!(versions_are_saved_listed_and_restored);
