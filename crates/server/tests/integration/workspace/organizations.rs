//! Organizations: created with their owner in one step, under a unique, never-null slug;
//! read, edited and deleted by whom the permission rules allow; hidden from outsiders.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{accounts::client::*, both_backends, support::*};

async fn create(api: &Api<'_>, token: &str, body: Value) -> Answer {
    api.with_token(Method::POST, "/api/organizations", token, Some(body))
        .await
}

async fn slugs_are_generated_unique_and_never_null(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    let cases = [
        ("Atelier Lumière", "atelier-lumiere"),
        ("Atelier  Lumière!", "atelier-lumiere-2"),
        ("ATELIER LUMIERE", "atelier-lumiere-3"),
        ("Łódź Drill & Design", "lodz-drill-design"),
        ("🎨🎨", "org"),
        ("!!!", "org-2"),
    ];
    for (name, slug) in cases {
        let answer = create(&api, token(&ada), json!({ "name": name }))
            .await
            .expect(201);
        assert_eq!(answer.body["slug"], slug, "{name}");
        assert_eq!(answer.body["name"], name.trim());
        assert_eq!(answer.body["role"], "owner");
        assert_eq!(answer.body["memberCount"], 1);
    }
    let long = "A very long studio name ".repeat(3);
    let answer = create(&api, token(&ada), json!({ "name": long.trim() }))
        .await
        .expect(201);
    let slug = answer.body["slug"].as_str().unwrap();
    assert!(slug.len() <= 60 && !slug.ends_with('-'), "{slug}");

    // A slug the client chooses is validated and must be free.
    create(
        &api,
        token(&ada),
        json!({"name": "Mine", "slug": "my-studio"}),
    )
    .await
    .expect(201);
    let before = workspace_rows(&server).await;
    create(
        &api,
        token(&ada),
        json!({"name": "Again", "slug": "my-studio"}),
    )
    .await
    .refused(409, "slug_taken", Some("slug"));
    for bad in ["My Studio", "-studio", "studio-", "a--b", "ça", ""] {
        create(&api, token(&ada), json!({"name": "Bad", "slug": bad}))
            .await
            .refused(422, "invalid", Some("slug"));
    }
    for (body, field) in [
        (json!({}), "name"),
        (json!({"name": ""}), "name"),
        (json!({"name": "x".repeat(101)}), "name"),
        (json!({"name": 3}), "name"),
        (
            json!({"name": "Ok", "description": "d".repeat(2001)}),
            "description",
        ),
        (json!({"name": "Ok", "owner": "someone"}), "owner"),
    ] {
        let answer = create(&api, token(&ada), body.clone()).await;
        assert_eq!(answer.status, 422, "{body}: {:#}", answer.body);
        assert_eq!(answer.body["field"], field, "{body}: {:#}", answer.body);
    }
    assert_eq!(
        workspace_rows(&server).await,
        before,
        "refusals change nothing"
    );

    let list = api.get("/api/organizations", token(&ada)).await.expect(200);
    assert_eq!(list.body["organizations"].as_array().unwrap().len(), 8);
    assert!(
        list.body["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["slug"].is_string())
    );
}

async fn outsiders_get_404_and_roles_decide_edits(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let org = create(
        &api,
        token(&owner),
        json!({"name": "Studio", "description": "Drill design"}),
    )
    .await
    .expect(201)
    .body;
    let path = format!("/api/organizations/{}", org["id"].as_str().unwrap());

    let mine = api.get(&path, token(&owner)).await.expect(200);
    assert_eq!(mine.body["description"], "Drill design");
    // An outsider cannot tell it exists: the same 404 as for an id that never was.
    let hidden = api.get(&path, token(&outsider)).await;
    hidden.refused(404, "not_found", None);
    let never = api
        .get(
            "/api/organizations/00000000-0000-7000-8000-000000000000",
            token(&outsider),
        )
        .await;
    assert_eq!(hidden.body, never.body);
    api.get("/api/organizations/not-an-id", token(&owner))
        .await
        .refused(404, "not_found", None);
    for (method, body) in [
        (Method::PATCH, Some(json!({"name": "Mine now"}))),
        (Method::DELETE, None),
    ] {
        api.with_token(method, &path, token(&outsider), body)
            .await
            .refused(404, "not_found", None);
    }
    api.get(&format!("{path}/members"), token(&outsider))
        .await
        .refused(404, "not_found", None);

    let edited = api
        .with_token(
            Method::PATCH,
            &path,
            token(&owner),
            Some(json!({"name": "Studio Nord", "slug": "studio-nord", "description": null})),
        )
        .await
        .expect(200);
    assert_eq!(edited.body["slug"], "studio-nord");
    assert_eq!(edited.body["description"], Value::Null);
    // An empty change changes nothing and is not news.
    api.with_token(Method::PATCH, &path, token(&owner), Some(json!({})))
        .await
        .expect(200);

    let activity = api
        .get(&format!("{path}/activities"), token(&owner))
        .await
        .expect(200);
    let actions: Vec<&str> = activity.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["organization.updated", "organization.created"]);
    assert_eq!(activity.body["items"][0]["actorName"], "Owner");

    api.with_token(Method::DELETE, &path, token(&owner), None)
        .await
        .expect(200);
    api.get(&path, token(&owner))
        .await
        .refused(404, "not_found", None);
}

/// Row counts of the workspace tables, to prove a refusal changed nothing.
pub async fn workspace_rows(server: &Server) -> Vec<(String, i64)> {
    let db = open_store(&server.database_url).await;
    let mut counts = vec![];
    for table in [
        "organizations",
        "organization_members",
        "invitations",
        "teams",
        "team_members",
    ] {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        let count: i64 = fluxstudio_store::read_with!(&db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await
            .unwrap());
        counts.push((table.to_owned(), count));
    }
    db.close().await;
    counts
}

both_backends!(
    slugs_are_generated_unique_and_never_null,
    outsiders_get_404_and_roles_decide_edits
);
