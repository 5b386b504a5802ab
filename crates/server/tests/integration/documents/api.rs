//! Creating, listing, renaming, exporting and deleting documents, as the project's roles allow.

use reqwest::Method;
use serde_json::json;

use crate::{
    accounts::client::*,
    both_backends,
    support::*,
    workspace::{studio::*, tasks::setup},
};

async fn documents_follow_the_project_roles(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    // owner leads, editor edits, client reviews the project.
    let (owner, editor, client, project) = setup(&studio, &api).await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let documents = format!("/api/projects/{project}/documents");
    let create = |who, title: &str| {
        api.with_token(
            Method::POST,
            &documents,
            token(who),
            Some(json!({ "title": title })),
        )
    };

    let brief = create(&owner, "  Brief  ").await.expect(201);
    assert_eq!(brief.body["title"], "Brief", "titles are trimmed");
    assert_eq!(brief.body["projectId"], project.as_str());
    assert_eq!(brief.body["canEdit"], true);
    create(&editor, "Run sheet").await.expect(201);
    let refused = create(&client, "Notes").await.expect(403);
    assert_eq!(refused.body["error"], "forbidden");
    create(&outsider, "Notes").await.expect(404);
    for (title, why) in [
        ("", "blank"),
        ("   ", "blank"),
        (&"x".repeat(201), "too long"),
    ] {
        let answer = create(&editor, title).await;
        assert_eq!(
            (answer.status, answer.body["field"].as_str()),
            (422, Some("title")),
            "{why}: {:#}",
            answer.body
        );
    }
    api.with_token(
        Method::POST,
        &documents,
        token(&owner),
        Some(json!({"title": "x", "body": 1})),
    )
    .await
    .expect(422);

    // Everyone in the project reads the list, newest change first; reviewers may not edit.
    let listed = api.get(&documents, token(&client)).await.expect(200);
    let titles: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Run sheet", "Brief"]);
    assert_eq!(listed.body["items"][0]["canEdit"], false);
    let first = api
        .get(&format!("{documents}?limit=1"), token(&owner))
        .await
        .expect(200);
    let cursor = first.body["nextCursor"].as_str().expect("a next page");
    let second = api
        .get(
            &format!("{documents}?limit=1&cursor={cursor}"),
            token(&owner),
        )
        .await
        .expect(200);
    assert_eq!(second.body["items"][0]["title"], "Brief");
    assert!(second.body["nextCursor"].is_null());
    api.get(&documents, token(&outsider)).await.expect(404);

    let id = brief.body["id"].as_str().unwrap();
    let one = format!("/api/documents/{id}");
    assert_eq!(
        api.get(&one, token(&client)).await.expect(200).body["canEdit"],
        false
    );
    assert_eq!(
        api.get(&one, token(&editor)).await.expect(200).body["canEdit"],
        true
    );
    api.get(&one, token(&outsider)).await.expect(404);
    api.get("/api/documents/not-an-id", token(&owner))
        .await
        .expect(404);
    api.get(
        &format!("/api/documents/{}", uuid::Uuid::new_v4()),
        token(&owner),
    )
    .await
    .expect(404);

    let rename = |who, title: &str| {
        api.with_token(
            Method::PATCH,
            &one,
            token(who),
            Some(json!({ "title": title })),
        )
    };
    rename(&client, "Mine").await.expect(403);
    rename(&outsider, "Mine").await.expect(404);
    assert_eq!(rename(&owner, "").await.expect(422).body["field"], "title");
    assert_eq!(
        rename(&editor, "Creative brief").await.expect(200).body["title"],
        "Creative brief"
    );

    // Export: an empty document renders; the format is checked.
    let text = api
        .get(&format!("{one}/export?format=text"), token(&client))
        .await
        .expect(200);
    assert_eq!(text.text.trim(), "");
    let html = api
        .get(&format!("{one}/export?format=html"), token(&client))
        .await
        .expect(200);
    assert!(
        html.text.contains("<title>Creative brief</title>"),
        "{}",
        html.text
    );
    let refused = api
        .get(&format!("{one}/export?format=pdf"), token(&owner))
        .await
        .expect(422);
    assert_eq!(refused.body["field"], "format");
    api.get(&format!("{one}/export?format=text"), token(&outsider))
        .await
        .expect(404);

    api.with_token(Method::DELETE, &one, token(&client), None)
        .await
        .expect(403);
    api.with_token(Method::DELETE, &one, token(&editor), None)
        .await
        .expect(204);
    api.get(&one, token(&owner)).await.expect(404);
    api.with_token(Method::DELETE, &one, token(&editor), None)
        .await
        .expect(404);
}

both_backends!(documents_follow_the_project_roles);
