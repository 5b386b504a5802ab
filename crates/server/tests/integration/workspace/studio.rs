//! A server whose mail is captured, and the steps most workspace tests share: create an
//! organization, invite someone and have them join.

use std::time::Duration;

use fluxstudio_mail::capture::SmtpCapture;
use reqwest::Method;
use serde_json::{Value, json};

use crate::{accounts::client::*, support::*};

pub const INVITE_LINK: &str = "http://studio.test/invitations/accept?token=";
const VERIFY_LINK: &str = "http://studio.test/verify-email?token=";
const MAIL_WAIT: Duration = Duration::from_secs(15);

pub struct Studio {
    pub smtp: SmtpCapture,
    pub server: Server,
}

impl Studio {
    pub async fn start(backend: Backend, env: &[(&str, &str)]) -> Self {
        let smtp = SmtpCapture::start().await;
        let mut builder = server(backend)
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", &smtp.port().to_string())
            .env("APP_URL", "http://studio.test");
        for (key, value) in env {
            builder = builder.env(key, value);
        }
        let server = builder.start().await;
        Self { smtp, server }
    }

    /// The token of the next invitation mailed to `to` (other mail to them, such as the
    /// verification of a new account, is passed over).
    pub async fn invitation_token(&self, to: &str) -> String {
        self.next_link(to, INVITE_LINK, "invitation").await
    }

    /// Verifies `email`'s address with the link mailed to it at sign-up, as its owner would.
    pub async fn verify_email(&self, api: &Api<'_>, email: &str) {
        let token = self.next_link(email, VERIFY_LINK, "verification").await;
        api.post("/api/auth/verify-email", json!({ "token": token }))
            .await
            .expect(200);
    }

    async fn next_link(&self, to: &str, prefix: &str, what: &str) -> String {
        loop {
            let mail = self
                .smtp
                .wait_for(to, MAIL_WAIT)
                .await
                .unwrap_or_else(|| panic!("no {what} mail to {to}:\n{}", self.server.log()));
            if let Some(link) = mail.link(prefix) {
                return link[prefix.len()..].to_owned();
            }
        }
    }
}

/// Creates an organization; returns its id.
pub async fn organization(api: &Api<'_>, owner: &str, name: &str) -> String {
    api.with_token(
        Method::POST,
        "/api/organizations",
        owner,
        Some(json!({ "name": name })),
    )
    .await
    .expect(201)
    .body["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn invite(api: &Api<'_>, inviter: &str, org: &str, email: &str, role: &str) -> Answer {
    api.with_token(
        Method::POST,
        &format!("/api/organizations/{org}/invitations"),
        inviter,
        Some(json!({ "email": email, "role": role })),
    )
    .await
}

/// Invites `email` as `role`, signs them up and has them accept. Returns their auth.
pub async fn join(
    studio: &Studio,
    api: &Api<'_>,
    owner: &str,
    org: &str,
    email: &str,
    role: &str,
) -> Value {
    invite(api, owner, org, email, role).await.expect(201);
    let link = studio.invitation_token(email).await;
    let name = email.split('@').next().unwrap();
    let auth = api.signup(email, name).await;
    api.with_token(
        Method::POST,
        &format!("/api/invitations/{link}/accept"),
        token(&auth),
        None,
    )
    .await
    .expect(200);
    auth
}

pub fn user_id(auth: &Value) -> &str {
    auth["user"]["id"].as_str().unwrap()
}
