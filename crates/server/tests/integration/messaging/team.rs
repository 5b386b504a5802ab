//! A studio for messaging tests: the workspace tests' studio (an owner, a member who is an
//! editor on the project, a client), with the client made a viewer, and someone from
//! outside the organization.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    accounts::client::*,
    support::Backend,
    workspace::{
        studio::{Studio, user_id},
        tasks::setup,
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
        Self::start_with(backend, &[]).await
    }

    /// With more variables for the server.
    pub async fn start_with(backend: Backend, env: &[(&str, &str)]) -> Self {
        let mut env = env.to_vec();
        env.push(("RATE_LIMIT_MAX_REQUESTS", "10000"));
        let studio = Studio::start(backend, &env).await;
        let api = Api::new(&studio.server).await;
        let (owner, member, client, project) = setup(&studio, &api).await;
        api.with_token(
            Method::PUT,
            &format!("/api/projects/{project}/members/{}", user_id(&client)),
            token(&owner),
            Some(json!({"role": "viewer"})),
        )
        .await
        .expect(200);
        let outsider = api.signup("out@elsewhere.example", "Outsider").await;
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

    /// The access tokens of the owner, the member, the client and the outsider.
    pub fn tokens(&self) -> (&str, &str, &str, &str) {
        (
            token(&self.owner),
            token(&self.member),
            token(&self.client),
            token(&self.outsider),
        )
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
