//! A studio for messaging tests: an organization with an owner, a member (an editor on
//! its project) and a client (a viewer on it), and someone from outside.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    accounts::client::*,
    support::Backend,
    workspace::{
        projects::project,
        studio::{Studio, join, organization, user_id},
    },
};

pub struct Team {
    pub studio: Studio,
    pub owner: Value,
    pub member: Value,
    pub client: Value,
    pub outsider: Value,
    pub project: String,
}

impl Team {
    pub async fn start(backend: Backend) -> Self {
        let studio = Studio::start(backend, &[("RATE_LIMIT_MAX_REQUESTS", "10000")]).await;
        let api = Api::new(&studio.server).await;
        let owner = api.signup("owner@studio.example", "Owner").await;
        let org = organization(&api, token(&owner), "Studio").await;
        let member = join(
            &studio,
            &api,
            token(&owner),
            &org,
            "ann@studio.example",
            "member",
        )
        .await;
        let client = join(
            &studio,
            &api,
            token(&owner),
            &org,
            "cli@brand.example",
            "client",
        )
        .await;
        let outsider = api.signup("out@elsewhere.example", "Outsider").await;
        let project = project(&api, token(&owner), &org, json!({"name": "Spring show"}))
            .await
            .expect(201)
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for (who, role) in [(&member, "editor"), (&client, "viewer")] {
            api.with_token(
                Method::PUT,
                &format!("/api/projects/{project}/members/{}", user_id(who)),
                token(&owner),
                Some(json!({ "role": role })),
            )
            .await
            .expect(200);
        }
        drop(api);
        Self {
            studio,
            owner,
            member,
            client,
            outsider,
            project,
        }
    }

    pub async fn api(&self) -> Api<'_> {
        Api::new(&self.studio.server).await
    }
}

/// Starts a conversation; returns its body.
pub async fn start(api: &Api<'_>, by: &Value, body: Value) -> Value {
    api.with_token(Method::POST, "/api/conversations", token(by), Some(body))
        .await
        .expect(201)
        .body
}

/// Sends `text` to a conversation; returns the message.
pub async fn send(api: &Api<'_>, by: &Value, conversation: &str, text: &str) -> Value {
    api.with_token(
        Method::POST,
        &format!("/api/conversations/{conversation}/messages"),
        token(by),
        Some(json!({ "body": text })),
    )
    .await
    .expect(201)
    .body
}

pub fn id(value: &Value) -> &str {
    value["id"].as_str().unwrap()
}
