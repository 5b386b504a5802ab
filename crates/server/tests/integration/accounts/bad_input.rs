//! Every refusal of signup and login the issue names, each checked to change nothing.

use serde_json::{Value, json};

use super::client::*;
use crate::{both_backends, support::*};

async fn signup_refusals_change_nothing(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    api.signup("taken@studio.example", "Taken").await;
    let before = account_rows(&server).await;
    let ok = |overrides: Value| {
        let mut body = json!({"email": "new@studio.example", "password": PASSWORD, "name": "New"});
        for (k, v) in overrides.as_object().unwrap() {
            if v.is_null() {
                body.as_object_mut().unwrap().remove(k);
            } else {
                body[k] = v.clone();
            }
        }
        body
    };
    let cases: Vec<(Value, u16, &str, Option<&str>)> = vec![
        (ok(json!({"email": null})), 422, "invalid", Some("email")),
        (
            ok(json!({"password": null})),
            422,
            "invalid",
            Some("password"),
        ),
        (ok(json!({"name": 42})), 422, "invalid", Some("name")),
        (ok(json!({"email": ["a"]})), 422, "invalid", Some("email")),
        (
            ok(json!({"email": "not-an-email"})),
            422,
            "invalid",
            Some("email"),
        ),
        (
            ok(json!({"email": format!("{}@studio.example", "a".repeat(250))})),
            422,
            "invalid",
            Some("email"),
        ),
        (
            ok(json!({"name": "n".repeat(101)})),
            422,
            "invalid",
            Some("name"),
        ),
        (ok(json!({"name": "   "})), 422, "invalid", Some("name")),
        (
            ok(json!({"password": "short1A"})),
            422,
            "invalid",
            Some("password"),
        ),
        (
            ok(json!({"password": "alllowercase1"})),
            422,
            "invalid",
            Some("password"),
        ),
        (
            ok(json!({"password": "NoDigitsHere"})),
            422,
            "invalid",
            Some("password"),
        ),
        (
            ok(json!({"password": format!("Aa1{}", "x".repeat(1100))})),
            422,
            "invalid",
            Some("password"),
        ),
        (
            ok(json!({"userType": "admin"})),
            422,
            "invalid",
            Some("userType"),
        ),
        (
            ok(json!({"userType": "boss"})),
            422,
            "invalid",
            Some("userType"),
        ),
        (
            ok(json!({"email": "TAKEN@studio.example"})),
            409,
            "email_taken",
            None,
        ),
    ];
    for (body, status, code, field) in cases {
        let answer = api.post("/api/auth/signup", body.clone()).await;
        assert_eq!(answer.status, status, "{body} -> {:#}", answer.body);
        assert_eq!(answer.code(), code, "{body} -> {:#}", answer.body);
        assert_eq!(
            answer.body["field"].as_str(),
            field,
            "{body} -> {:#}",
            answer.body
        );
    }

    let raw = |content_type, text| Send {
        raw: Some((content_type, text)),
        ..Send::default()
    };
    api.call(
        reqwest::Method::POST,
        "/api/auth/signup",
        raw("application/json", "{\"email\":"),
    )
    .await
    .refused(400, "bad_request", None);
    api.call(
        reqwest::Method::POST,
        "/api/auth/signup",
        raw("text/plain", "email=a"),
    )
    .await
    .refused(415, "unsupported_media_type", None);
    assert_eq!(account_rows(&server).await, before);
}

async fn login_refusals_reveal_nothing_and_change_nothing(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    let user = api.signup("ada@studio.example", "Ada").await;

    let wrong = api.login("ada@studio.example", "Wrong1password").await;
    wrong.refused(401, "invalid_credentials", None);
    let unknown = api.login("nobody@studio.example", PASSWORD).await;
    unknown.refused(401, "invalid_credentials", None);
    assert_eq!(wrong.body, unknown.body, "the same answer for both");
    let not_email = api.login("not an email", PASSWORD).await;
    assert_eq!(not_email.body, unknown.body);

    api.post("/api/auth/login", json!({"email": "ada@studio.example"}))
        .await
        .refused(422, "invalid", Some("password"));
    api.post("/api/auth/login", json!({"email": 1, "password": PASSWORD}))
        .await
        .refused(422, "invalid", Some("email"));

    // A disabled account: refused with 403 once the password is right.
    let id = user["user"]["id"].as_str().unwrap();
    api.with_token(
        reqwest::Method::PATCH,
        &format!("/api/admin/users/{id}"),
        token(&admin),
        Some(json!({"isActive": false})),
    )
    .await
    .expect(200);
    let before = account_rows(&server).await;
    api.login("ada@studio.example", PASSWORD)
        .await
        .refused(403, "account_disabled", None);
    api.login("ada@studio.example", "Wrong1password")
        .await
        .refused(401, "invalid_credentials", None);
    // Its earlier tokens stopped working when it was disabled.
    let me = api.get("/api/auth/me", token(&user)).await;
    assert_eq!(me.status, 401, "{:#}", me.body);
    assert_eq!(account_rows(&server).await, before);
}

both_backends!(
    signup_refusals_change_nothing,
    login_refusals_reveal_nothing_and_change_nothing
);
