//! Projects: created by staff, seen by staff and by the clients on them, filtered and
//! paged; edited by leads; staffed with project roles; a project keeps a lead.

use reqwest::Method;
use serde_json::{Value, json};

use super::studio::*;
use crate::{accounts::client::*, both_backends, support::*};

pub async fn project(api: &Api<'_>, who: &str, org: &str, body: Value) -> Answer {
    let mut body = body;
    body["organizationId"] = json!(org);
    api.with_token(Method::POST, "/api/projects", who, Some(body))
        .await
}

async fn who_sees_which_project(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(&api, token(&owner), "Studio").await;
    let member = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "member@studio.example",
        "member",
    )
    .await;
    let client = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "client@brand.example",
        "client",
    )
    .await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;

    let show = project(
        &api,
        token(&member),
        &org,
        json!({"name": "Winter Show", "status": "active"}),
    )
    .await
    .expect(201);
    assert_eq!(show.body["role"], "lead", "the creator leads");
    assert_eq!(show.body["priority"], "medium");
    let show_id = show.body["id"].as_str().unwrap().to_owned();
    let private = project(
        &api,
        token(&owner),
        &org,
        json!({"name": "Budget", "priority": "urgent"}),
    )
    .await
    .expect(201);
    let private_id = private.body["id"].as_str().unwrap().to_owned();
    project(&api, token(&client), &org, json!({"name": "Mine"}))
        .await
        .refused(403, "forbidden", None);
    project(&api, token(&outsider), &org, json!({"name": "Mine"}))
        .await
        .refused(404, "not_found", None);

    // The client sees nothing until put on a project, then only that one, as reviewer.
    let names = |answer: Answer| -> Vec<String> {
        answer.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(names(api.get("/api/projects", token(&client)).await.expect(200)).is_empty());
    api.get(&format!("/api/projects/{show_id}"), token(&client))
        .await
        .refused(404, "not_found", None);
    api.with_token(
        Method::PUT,
        &format!("/api/projects/{show_id}/members/{}", user_id(&client)),
        token(&member),
        Some(json!({"role": "reviewer"})),
    )
    .await
    .expect(200);
    assert_eq!(
        names(api.get("/api/projects", token(&client)).await.expect(200)),
        ["Winter Show"]
    );
    let seen = api
        .get(&format!("/api/projects/{show_id}"), token(&client))
        .await
        .expect(200);
    assert_eq!(seen.body["role"], "reviewer");
    api.get(&format!("/api/projects/{private_id}"), token(&client))
        .await
        .refused(404, "not_found", None);
    // Staff see every project of the organization; the owner leads them all.
    assert_eq!(
        names(api.get("/api/projects", token(&member)).await.expect(200)),
        ["Budget", "Winter Show"]
    );
    let as_owner = api
        .get(&format!("/api/projects/{show_id}"), token(&owner))
        .await
        .expect(200);
    assert_eq!(as_owner.body["role"], "lead");
    let as_member = api
        .get(&format!("/api/projects/{private_id}"), token(&member))
        .await
        .expect(200);
    assert_eq!(
        as_member.body["role"],
        Value::Null,
        "staff who are not on it may look"
    );
    assert!(names(api.get("/api/projects", token(&outsider)).await.expect(200)).is_empty());

    // Filters and pages.
    let filtered = api
        .get(
            &format!("/api/projects?organizationId={org}&status=active&q=WINTER"),
            token(&owner),
        )
        .await
        .expect(200);
    assert_eq!(names(filtered), ["Winter Show"]);
    let page = api
        .get("/api/projects?limit=1", token(&owner))
        .await
        .expect(200);
    let cursor = page.body["nextCursor"].as_str().unwrap().to_owned();
    assert_eq!(names(page), ["Budget"]);
    let rest = api
        .get(
            &format!("/api/projects?limit=1&cursor={cursor}"),
            token(&owner),
        )
        .await
        .expect(200);
    assert!(rest.body["nextCursor"].is_null());
    assert_eq!(names(rest), ["Winter Show"]);
    let bad = api.get("/api/projects?status=paused", token(&owner)).await;
    bad.refused(422, "invalid", Some("status"));
    assert!(
        bad.body["message"]
            .as_str()
            .unwrap()
            .contains("planning, active, on_hold, completed, archived")
    );
}

async fn leads_edit_and_a_project_keeps_a_lead(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(&api, token(&owner), "Studio").await;
    let lead = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "lead@studio.example",
        "member",
    )
    .await;
    let editor = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "editor@studio.example",
        "member",
    )
    .await;
    let created = project(
        &api,
        token(&lead),
        &org,
        json!({"name": "Show", "startDate": "2027-01-10"}),
    )
    .await
    .expect(201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/projects/{id}");
    let member_path = |who: &Value| format!("{path}/members/{}", user_id(who));
    api.with_token(
        Method::PUT,
        &member_path(&editor),
        token(&lead),
        Some(json!({"role": "editor"})),
    )
    .await
    .expect(200);

    let patch = |who: &Value, body: Value| {
        let path = path.clone();
        let who = token(who).to_owned();
        let api = &api;
        async move { api.with_token(Method::PATCH, &path, &who, Some(body)).await }
    };
    patch(&editor, json!({"name": "Renamed"}))
        .await
        .refused(403, "forbidden", None);
    patch(&lead, json!({"dueDate": "2027-01-01"}))
        .await
        .refused(409, "dates_out_of_order", Some("dueDate"));
    patch(&lead, json!({"priority": "critical"}))
        .await
        .refused(422, "invalid", Some("priority"));
    patch(&lead, json!({"dueDate": "not a date"}))
        .await
        .refused(422, "invalid", Some("dueDate"));
    let done = patch(
        &lead,
        json!({"status": "active", "dueDate": "2027-03-01", "description": "Brass & drill"}),
    )
    .await
    .expect(200);
    assert_eq!(done.body["status"], "active");
    // The organization's owner (not on the project) puts it on hold: its lead is told.
    patch(&owner, json!({"status": "on_hold"}))
        .await
        .expect(200);
    let inbox = api
        .get("/api/notifications", token(&lead))
        .await
        .expect(200);
    assert_eq!(inbox.body["items"][0]["kind"], "project_status");
    assert_eq!(inbox.body["items"][0]["title"], "Show is now on hold");
    assert_eq!(done.body["dueDate"], "2027-03-01");

    // The last lead cannot step down or be removed.
    api.with_token(
        Method::PUT,
        &member_path(&lead),
        token(&lead),
        Some(json!({"role": "viewer"})),
    )
    .await
    .refused(409, "last_lead", None);
    api.with_token(Method::DELETE, &member_path(&lead), token(&owner), None)
        .await
        .refused(409, "last_lead", None);
    api.with_token(
        Method::PUT,
        &member_path(&editor),
        token(&editor),
        Some(json!({"role": "lead"})),
    )
    .await
    .refused(403, "forbidden", None);
    let members = api
        .get(&format!("{path}/members"), token(&editor))
        .await
        .expect(200);
    assert_eq!(members.body["items"].as_array().unwrap().len(), 2);

    let activity = api
        .get(&format!("{path}/activities"), token(&editor))
        .await
        .expect(200);
    let actions: Vec<&str> = activity.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "project.status_changed",
            "project.status_changed",
            "project.member_set",
            "project.created"
        ]
    );

    api.with_token(Method::DELETE, &path, token(&editor), None)
        .await
        .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &path, token(&lead), None)
        .await
        .expect(200);
    api.get(&path, token(&lead))
        .await
        .refused(404, "not_found", None);
}

both_backends!(
    who_sees_which_project,
    leads_edit_and_a_project_keeps_a_lead
);
