//! Members and roles: what each role may do to whom, leaving, and handing over ownership.

use reqwest::Method;
use serde_json::json;

use super::{organizations::workspace_rows, studio::*};
use crate::{accounts::client::*, both_backends, support::*};

async fn roles_decide_who_may_change_whom(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(&api, token(&owner), "Studio").await;
    let admin = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "admin@studio.example",
        "admin",
    )
    .await;
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
        "client@studio.example",
        "client",
    )
    .await;

    let members = api
        .get(&format!("/api/organizations/{org}/members"), token(&client))
        .await
        .expect(200);
    let roles: Vec<(&str, &str)> = members.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["email"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("owner@studio.example", "owner"),
            ("admin@studio.example", "admin"),
            ("member@studio.example", "member"),
            ("client@studio.example", "client"),
        ]
    );

    let role_of =
        |auth: &serde_json::Value| format!("/api/organizations/{org}/members/{}", user_id(auth));
    let set = |who: &str, path: String, role: &str| {
        let body = json!({ "role": role });
        let who = who.to_owned();
        let api = &api;
        async move { api.with_token(Method::PATCH, &path, &who, Some(body)).await }
    };
    let before = workspace_rows(&studio.server).await;
    // Refused: an admin promoting to admin, anyone making an owner, a member or client
    // changing anyone, a value outside the vocabulary.
    set(token(&admin), role_of(&member), "admin")
        .await
        .refused(403, "forbidden", None);
    set(token(&owner), role_of(&admin), "owner")
        .await
        .refused(403, "forbidden", None);
    set(token(&admin), role_of(&owner), "member")
        .await
        .refused(403, "forbidden", None);
    set(token(&member), role_of(&client), "member")
        .await
        .refused(403, "forbidden", None);
    set(token(&client), role_of(&member), "client")
        .await
        .refused(403, "forbidden", None);
    let boss = set(token(&owner), role_of(&member), "boss").await;
    boss.refused(422, "invalid", Some("role"));
    assert!(
        boss.body["message"]
            .as_str()
            .unwrap()
            .contains("owner, admin, member, client")
    );
    // Refused removals: the owner by anyone, an admin by an admin, anyone by a member.
    for (who, target) in [(&admin, &owner), (&member, &client), (&client, &member)] {
        api.with_token(Method::DELETE, &role_of(target), token(who), None)
            .await
            .refused(403, "forbidden", None);
    }
    assert_eq!(
        workspace_rows(&studio.server).await,
        before,
        "refusals change nothing"
    );

    // Allowed: an admin turns a member into a client and back; the owner promotes to admin.
    set(token(&admin), role_of(&member), "client")
        .await
        .expect(200);
    set(token(&admin), role_of(&member), "member")
        .await
        .expect(200);
    set(token(&owner), role_of(&member), "admin")
        .await
        .expect(200);
    // An admin removes a client.
    api.with_token(Method::DELETE, &role_of(&client), token(&admin), None)
        .await
        .expect(200);
    api.get(&format!("/api/organizations/{org}"), token(&client))
        .await
        .refused(404, "not_found", None);
}

async fn leaving_and_handing_over_ownership(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(&api, token(&owner), "Studio").await;
    let ada = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "ada@studio.example",
        "member",
    )
    .await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let path = |tail: &str| format!("/api/organizations/{org}{tail}");

    api.with_token(Method::POST, &path("/leave"), token(&owner), None)
        .await
        .refused(409, "owner_must_transfer", None);
    let transfer = |to: &str| json!({ "userId": to });
    api.with_token(
        Method::POST,
        &path("/transfer-ownership"),
        token(&owner),
        Some(transfer(user_id(&outsider))),
    )
    .await
    .refused(409, "invalid_reference", Some("userId"));
    api.with_token(
        Method::POST,
        &path("/transfer-ownership"),
        token(&ada),
        Some(transfer(user_id(&ada))),
    )
    .await
    .refused(403, "forbidden", None);
    api.with_token(
        Method::POST,
        &path("/transfer-ownership"),
        token(&owner),
        Some(transfer(user_id(&ada))),
    )
    .await
    .expect(200);
    let me = api.get(&path(""), token(&ada)).await.expect(200);
    assert_eq!(me.body["role"], "owner");
    let previous = api.get(&path(""), token(&owner)).await.expect(200);
    assert_eq!(previous.body["role"], "admin");

    // The former owner can now leave; afterwards the organization is hidden from them.
    api.with_token(Method::POST, &path("/leave"), token(&owner), None)
        .await
        .expect(200);
    api.get(&path(""), token(&owner))
        .await
        .refused(404, "not_found", None);
    api.with_token(Method::POST, &path("/leave"), token(&outsider), None)
        .await
        .refused(404, "not_found", None);
}

both_backends!(
    roles_decide_who_may_change_whom,
    leaving_and_handing_over_ownership
);
