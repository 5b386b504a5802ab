//! Access tokens that must be refused, and refresh-token rotation with reuse detection.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{Duration, Utc};
use fluxstudio_auth::access::AccessTokens;
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use super::client::*;
use crate::{both_backends, support::*};

const SECRET: &str = "a-test-secret-of-at-least-32-bytes!!";

async fn bad_access_tokens_get_401(backend: Backend) {
    let server = server(backend).env("JWT_SECRET", SECRET).start().await;
    let api = Api::new(&server).await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let user = Uuid::parse_str(auth["user"]["id"].as_str().unwrap()).unwrap();
    let claims = token(&auth).split('.').nth(1).unwrap().to_owned();
    let session: Uuid = {
        let json: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&claims).unwrap()).unwrap();
        json["sid"].as_str().unwrap().parse().unwrap()
    };

    let ours = AccessTokens::new(SECRET.as_bytes()).unwrap();
    let expired = ours
        .issue(
            user,
            "ada@studio.example",
            "designer",
            session,
            Utc::now() - Duration::minutes(16),
        )
        .unwrap();
    let forged = AccessTokens::new(b"some-other-secret-that-is-long-enough")
        .unwrap()
        .issue(user, "ada@studio.example", "designer", session, Utc::now())
        .unwrap();
    let unsigned = format!(
        "{}.{claims}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    let cases = [
        (expired.as_str(), "token_expired"),
        (forged.as_str(), "invalid_token"),
        (unsigned.as_str(), "invalid_token"),
        ("not-a-jwt", "invalid_token"),
        ("a.b.c", "invalid_token"),
    ];
    for (bad, code) in cases {
        api.get("/api/auth/me", bad).await.refused(401, code, None);
    }
    // No token at all, and a scheme that is not Bearer.
    let none = server.get("/api/auth/me").await;
    assert_eq!(none.status(), 401);
    let basic = server
        .get_with("/api/auth/me", ("authorization", "Basic YWRhOnB3"))
        .await;
    assert_eq!(basic.status(), 401);
    // The genuine token still works: the refusals were about the tokens.
    api.get("/api/auth/me", token(&auth)).await.expect(200);
}

async fn refresh_rotates_and_reuse_revokes_the_family(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let first = refresh_token(&auth).to_owned();

    let rotated = api
        .post("/api/auth/refresh", json!({"refreshToken": first}))
        .await
        .expect(200);
    let second = refresh_token(&rotated.body).to_owned();
    assert_ne!(second, first);
    assert_eq!(rotated.body["expiresIn"], 900);
    assert_eq!(rotated.body["tokenType"], "Bearer");
    let access = token(&rotated.body).to_owned();
    api.get("/api/auth/me", &access).await.expect(200);

    // The cookie alone refreshes too (the web app's way).
    let by_cookie = api
        .call(
            Method::POST,
            "/api/auth/refresh",
            Send {
                cookie: Some(format!("flux_refresh={second}")),
                ..Send::default()
            },
        )
        .await
        .expect(200);
    let third = refresh_token(&by_cookie.body).to_owned();

    // The first token again: reuse. The whole session ends, the current token included.
    let reuse = api
        .post("/api/auth/refresh", json!({"refreshToken": first}))
        .await;
    reuse.refused(401, "invalid_refresh_token", None);
    assert!(
        reuse
            .cookies()
            .iter()
            .any(|c| c.starts_with("flux_refresh=;")),
        "the dead cookie is cleared"
    );
    api.post("/api/auth/refresh", json!({"refreshToken": third}))
        .await
        .refused(401, "invalid_refresh_token", None);
    api.get("/api/auth/me", &access)
        .await
        .refused(401, "session_ended", None);

    let events = api
        .get(
            "/api/admin/security-events?type=refresh_token_reuse",
            token(&admin),
        )
        .await
        .expect(200);
    let items = events.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{:#}", events.body);
    assert_eq!(items[0]["severity"], "critical");
    assert_eq!(items[0]["userId"], auth["user"]["id"]);

    // Other people's sessions are untouched.
    api.get("/api/auth/me", token(&admin)).await.expect(200);
}

async fn refresh_refusals(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    api.signup("ada@studio.example", "Ada").await;
    let before = account_rows(&server).await;
    api.call(Method::POST, "/api/auth/refresh", Send::default())
        .await
        .refused(401, "missing_refresh_token", Some("refreshToken"));
    api.post("/api/auth/refresh", json!({"refreshToken": "made-up"}))
        .await
        .refused(401, "invalid_refresh_token", None);
    api.post("/api/auth/refresh", json!({"refreshToken": 12}))
        .await
        .refused(422, "invalid", Some("refreshToken"));
    assert_eq!(account_rows(&server).await, before);
}

both_backends!(
    bad_access_tokens_get_401,
    refresh_rotates_and_reuse_revokes_the_family,
    refresh_refusals
);
