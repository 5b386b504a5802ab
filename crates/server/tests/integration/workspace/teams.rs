//! Teams: any member sees them; the owner and admins manage them and their members, who
//! must belong to the organization.

use reqwest::Method;
use serde_json::json;

use super::studio::*;
use crate::{accounts::client::*, both_backends, support::*};

async fn teams_are_managed_by_owners_and_admins(backend: Backend) {
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
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let teams = format!("/api/organizations/{org}/teams");

    let created = api
        .with_token(
            Method::POST,
            &teams,
            token(&owner),
            Some(json!({"name": "Drill", "description": "Drill writers"})),
        )
        .await
        .expect(201);
    let team = created.body["id"].as_str().unwrap().to_owned();
    api.with_token(
        Method::POST,
        &teams,
        token(&owner),
        Some(json!({"name": "Drill"})),
    )
    .await
    .refused(409, "name_taken", Some("name"));
    api.with_token(
        Method::POST,
        &teams,
        token(&member),
        Some(json!({"name": "Costumes"})),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::POST,
        &teams,
        token(&outsider),
        Some(json!({"name": "Costumes"})),
    )
    .await
    .refused(404, "not_found", None);
    api.with_token(
        Method::POST,
        &teams,
        token(&owner),
        Some(json!({"name": ""})),
    )
    .await
    .refused(422, "invalid", Some("name"));

    let team_path = format!("{teams}/{team}");
    let add = |user: &str| format!("{team_path}/members/{user}");
    api.with_token(Method::PUT, &add(user_id(&member)), token(&owner), None)
        .await
        .expect(200);
    api.with_token(Method::PUT, &add(user_id(&outsider)), token(&owner), None)
        .await
        .refused(404, "not_a_member", Some("userId"));
    let seen = api.get(&team_path, token(&member)).await.expect(200);
    assert_eq!(seen.body["memberIds"], json!([user_id(&member)]));
    assert_eq!(seen.body["memberCount"], 1);
    let listed = api.get(&teams, token(&member)).await.expect(200);
    assert_eq!(listed.body["items"][0]["name"], "Drill");

    let renamed = api
        .with_token(
            Method::PATCH,
            &team_path,
            token(&owner),
            Some(json!({"name": "Drill & Staging"})),
        )
        .await
        .expect(200);
    assert_eq!(renamed.body["name"], "Drill & Staging");
    api.with_token(Method::DELETE, &add(user_id(&member)), token(&owner), None)
        .await
        .expect(200);
    api.with_token(Method::DELETE, &team_path, token(&member), None)
        .await
        .refused(403, "forbidden", None);
    api.with_token(Method::DELETE, &team_path, token(&owner), None)
        .await
        .expect(200);
    api.get(&team_path, token(&owner))
        .await
        .refused(404, "not_found", None);
    let feed = api
        .get(
            &format!("/api/organizations/{org}/activities"),
            token(&owner),
        )
        .await
        .expect(200);
    let teams_feed: Vec<&str> = feed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .filter(|a| a.starts_with("team."))
        .collect();
    assert_eq!(
        teams_feed,
        [
            "team.deleted",
            "team.member_removed",
            "team.updated",
            "team.member_added",
            "team.created"
        ]
    );
}

both_backends!(teams_are_managed_by_owners_and_admins);
