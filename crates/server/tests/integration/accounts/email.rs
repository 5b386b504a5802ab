//! Links by email, through a real SMTP exchange with the capture server: verifying the
//! address (each new link retires the one before) and resetting a forgotten password (the
//! answer never reveals whether the account exists, and every session ends).

use std::time::Duration;

use fluxstudio_mail::capture::{CapturedMail, SmtpCapture};
use fluxstudio_store::write_with;
use reqwest::Method;
use serde_json::{Value, json};

use super::client::*;
use crate::{both_backends, support::*};

const APP_URL: &str = "http://studio.test";
const VERIFY_LINK: &str = "http://studio.test/verify-email?token=";
const RESET_LINK: &str = "http://studio.test/reset-password?token=";
/// How long a mail that must come may take (it is sent in the background).
const MAIL_WAIT: Duration = Duration::from_secs(15);
/// How long to watch for a mail that must not come. Asked only after a mail sent later
/// has arrived, so a wrongly sent one would already be there.
const NO_MAIL_WAIT: Duration = Duration::from_millis(500);
const NEW_PASSWORD: &str = "Battery2staple";

/// A capture SMTP server and a server that sends its mail there.
async fn with_mail(backend: Backend) -> (SmtpCapture, Server) {
    let smtp = SmtpCapture::start().await;
    let server = server(backend)
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", &smtp.port().to_string())
        .env("APP_URL", APP_URL)
        .start()
        .await;
    (smtp, server)
}

/// The next mail to `to`, which must arrive.
async fn mail_to(smtp: &SmtpCapture, server: &Server, to: &str) -> CapturedMail {
    smtp.wait_for(to, MAIL_WAIT)
        .await
        .unwrap_or_else(|| panic!("no mail to {to} within {MAIL_WAIT:?}:\n{}", server.log()))
}

/// The token of the link starting with `prefix`, checked to be in both bodies.
fn token_in(mail: &CapturedMail, prefix: &str) -> String {
    let link = mail
        .link(prefix)
        .unwrap_or_else(|| panic!("no {prefix}… link in {:?}", mail.text_body()));
    let html = mail.html_body().expect("an HTML body");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    let token = &link[prefix.len()..];
    assert!(
        token.len() >= 43
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "a 256-bit base64url token: {link}"
    );
    token.to_owned()
}

async fn verify(api: &Api<'_>, token: &str) -> Answer {
    api.post("/api/auth/verify-email", json!({ "token": token }))
        .await
}

async fn reset(api: &Api<'_>, token: &str, password: &str) -> Answer {
    api.post(
        "/api/auth/reset-password",
        json!({ "token": token, "password": password }),
    )
    .await
}

async fn resend(api: &Api<'_>, access: &str) -> Answer {
    api.with_token(Method::POST, "/api/auth/resend-verification", access, None)
        .await
}

async fn verification_links_work_once_and_each_new_one_retires_the_last(backend: Backend) {
    let (smtp, server) = with_mail(backend).await;
    let api = Api::new(&server).await;
    let ada = api
        .post(
            "/api/auth/signup",
            json!({"email": "  Ada@Studio.Example ", "password": PASSWORD, "name": "Ada"}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(ada["user"]["emailVerified"], false);

    let mail = mail_to(&smtp, &server, "ada@studio.example").await;
    assert_eq!(mail.to, ["ada@studio.example"], "the normalised address");
    assert!(
        mail.header("To").unwrap().contains("ada@studio.example"),
        "{}",
        mail.raw
    );
    let subject = mail.subject().unwrap();
    assert!(subject.contains("Confirm your email address"), "{subject}");
    let text = mail.text_body().expect("a text body");
    assert!(text.starts_with("Hi Ada,"), "{text}");
    let link = token_in(&mail, VERIFY_LINK);

    let done = verify(&api, &link).await.expect(200);
    assert!(done.body["message"].as_str().is_some_and(|m| !m.is_empty()));
    let me = api.get("/api/auth/me", token(&ada)).await.expect(200);
    assert_eq!(me.body["emailVerified"], true);

    verify(&api, &link)
        .await
        .refused(404, "invalid_token", None);
    let made_up = "A".repeat(43);
    verify(&api, &made_up)
        .await
        .refused(404, "invalid_token", None);
    verify(&api, "").await.refused(404, "invalid_token", None);

    // A verified address gets no new mail (checked below, once a later mail has arrived).
    let already = resend(&api, token(&ada)).await.expect(200);
    assert!(
        already.body["message"]
            .as_str()
            .unwrap()
            .contains("already verified"),
        "{:#}",
        already.body
    );

    // An unverified user: the signup link, then a new one that retires it.
    let grace = api.signup("grace@studio.example", "Grace").await;
    let first = token_in(
        &mail_to(&smtp, &server, "grace@studio.example").await,
        VERIFY_LINK,
    );
    resend(&api, token(&grace)).await.expect(200);
    let second = token_in(
        &mail_to(&smtp, &server, "grace@studio.example").await,
        VERIFY_LINK,
    );
    assert_ne!(first, second);
    verify(&api, &first)
        .await
        .refused(404, "invalid_token", None);
    verify(&api, &second).await.expect(200);
    let me = api.get("/api/auth/me", token(&grace)).await.expect(200);
    assert_eq!(me.body["emailVerified"], true);

    assert!(
        smtp.wait_for("ada@studio.example", NO_MAIL_WAIT)
            .await
            .is_none(),
        "a verified address was sent another link"
    );
    assert_eq!(
        smtp.messages().len(),
        3,
        "ada's link and grace's two: {:#?}",
        smtp.messages()
    );
}

async fn password_reset_ends_every_session_and_works_once_within_the_hour(backend: Backend) {
    let (smtp, server) = with_mail(backend).await;
    let api = Api::new(&server).await;
    let first_session = api.signup("ada@studio.example", "Ada").await;
    let second_session = api
        .login("ada@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;
    // The verification mail comes first; take it out of the way.
    mail_to(&smtp, &server, "ada@studio.example").await;

    // The same answer whether or not the address has an account.
    let unknown = api
        .post(
            "/api/auth/forgot-password",
            json!({"email": "nobody@studio.example"}),
        )
        .await
        .expect(202);
    let known = api
        .post(
            "/api/auth/forgot-password",
            json!({"email": " ADA@Studio.example"}),
        )
        .await
        .expect(202);
    assert_eq!(unknown.body, known.body);
    assert!(
        known.body["message"].as_str().unwrap().contains("one hour"),
        "{:#}",
        known.body
    );
    let mail = mail_to(&smtp, &server, "ada@studio.example").await;
    assert_eq!(mail.to, ["ada@studio.example"]);
    assert!(
        mail.subject().unwrap().contains("Reset your"),
        "{:?}",
        mail.subject()
    );
    for body in [mail.text_body().unwrap(), mail.html_body().unwrap()] {
        assert!(body.contains("1 hour"), "{body}");
    }
    let link = token_in(&mail, RESET_LINK);
    assert!(
        smtp.wait_for("nobody@studio.example", NO_MAIL_WAIT)
            .await
            .is_none(),
        "a reset mail went to an address without an account"
    );
    assert!(
        smtp.messages()
            .iter()
            .all(|m| m.to.iter().all(|to| to == "ada@studio.example")),
        "{:#?}",
        smtp.messages()
    );

    // A weak password is refused before the link is spent, and changes nothing.
    let before = account_rows(&server).await;
    reset(&api, &link, "short")
        .await
        .refused(422, "invalid", Some("password"));
    reset(&api, &link, "alllowercase1")
        .await
        .refused(422, "invalid", Some("password"));
    assert_eq!(account_rows(&server).await, before);

    let done = reset(&api, &link, NEW_PASSWORD).await.expect(200);
    assert!(done.body["message"].as_str().is_some_and(|m| !m.is_empty()));

    // Every session of the account ended: access and refresh tokens alike.
    for session in [&first_session, &second_session] {
        let me = api.get("/api/auth/me", token(session)).await;
        assert_eq!(me.status, 401, "{:#}", me.body);
        let refreshed = api
            .post(
                "/api/auth/refresh",
                json!({"refreshToken": refresh_token(session)}),
            )
            .await;
        assert_eq!(refreshed.status, 401, "{:#}", refreshed.body);
    }

    reset(&api, &link, "Another3password")
        .await
        .refused(404, "invalid_token", None);
    api.login("ada@studio.example", PASSWORD)
        .await
        .refused(401, "invalid_credentials", None);
    let login = api
        .login("ada@studio.example", NEW_PASSWORD)
        .await
        .expect(200);
    assert_eq!(
        login.body["user"]["emailVerified"], true,
        "receiving the link proves the address"
    );

    // An expired link is refused like a used one.
    api.post(
        "/api/auth/forgot-password",
        json!({"email": "ada@studio.example"}),
    )
    .await
    .expect(202);
    let late = token_in(
        &mail_to(&smtp, &server, "ada@studio.example").await,
        RESET_LINK,
    );
    let db = open_store(&server.database_url).await;
    let two_hours_ago = chrono::Utc::now() - chrono::Duration::hours(2);
    let moved = write_with!(&db, |pool| sqlx::query(
        "UPDATE email_tokens SET expires_at = $1 \
         WHERE purpose = 'reset_password' AND used_at IS NULL"
    )
    .bind(two_hours_ago)
    .execute(pool)
    .await
    .unwrap()
    .rows_affected());
    db.close().await;
    assert_eq!(moved, 1, "one live reset link");
    reset(&api, &late, "Expired4password")
        .await
        .refused(404, "invalid_token", None);
    api.login("ada@studio.example", NEW_PASSWORD)
        .await
        .expect(200);
}

/// The admin's view of the security log, filtered by event type.
async fn events_of(api: &Api<'_>, admin: &str, kind: &str) -> Vec<Value> {
    let list = api
        .get(&format!("/api/admin/security-events?type={kind}"), admin)
        .await
        .expect(200);
    let items = list.body["items"].as_array().unwrap().clone();
    for item in &items {
        assert_eq!(item["type"], kind, "{item:#}");
    }
    items
}

async fn verification_and_reset_are_in_the_security_log(backend: Backend) {
    let (smtp, server) = with_mail(backend).await;
    let api = Api::new(&server).await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    let ada_id = ada["user"]["id"].clone();
    assert_eq!(ada["user"]["isAdmin"], true, "the first account");
    let verification = mail_to(&smtp, &server, "ada@studio.example").await;
    verify(&api, &token_in(&verification, VERIFY_LINK))
        .await
        .expect(200);
    api.post(
        "/api/auth/forgot-password",
        json!({"email": "ada@studio.example"}),
    )
    .await
    .expect(202);
    let link = token_in(
        &mail_to(&smtp, &server, "ada@studio.example").await,
        RESET_LINK,
    );
    reset(&api, &link, NEW_PASSWORD).await.expect(200);
    let admin = api
        .login("ada@studio.example", NEW_PASSWORD)
        .await
        .expect(200)
        .body;

    let resets = events_of(&api, token(&admin), "password_reset").await;
    assert_eq!(resets.len(), 1, "{resets:#?}");
    assert_eq!(resets[0]["userId"], ada_id);
    assert_eq!(resets[0]["severity"], "warning");
    assert!(resets[0]["ipAddress"].is_string(), "{:#}", resets[0]);
    let requested = events_of(&api, token(&admin), "password_reset_requested").await;
    assert_eq!(requested.len(), 1, "{requested:#?}");
    assert_eq!(requested[0]["userId"], ada_id);

    let verified = events_of(&api, token(&admin), "email_verified").await;
    assert_eq!(verified.len(), 1, "{verified:#?}");
    assert_eq!(verified[0]["userId"], ada_id);
    assert_eq!(verified[0]["severity"], "info");
}

both_backends!(
    verification_links_work_once_and_each_new_one_retires_the_last,
    password_reset_ends_every_session_and_works_once_within_the_hour,
    verification_and_reset_are_in_the_security_log,
);
