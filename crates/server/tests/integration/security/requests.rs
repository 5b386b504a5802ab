//! The probe's findings on how requests are authenticated and answered: CSRF exemptions,
//! caching, sessions when two-factor is turned on, and the metrics endpoint.

use reqwest::Method;
use serde_json::json;

use crate::{accounts::client::*, any_backend, both_backends, support::*};

/// Also found: any `Authorization: Bearer`, even junk, exempted a request from CSRF, so a
/// forged request riding the refresh cookie could carry one and refresh the session.
async fn csrf_exempts_only_a_bearer_that_authenticates(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let cookie = Some(format!("flux_refresh={}", refresh_token(&auth)));
    let refresh = |bearer| Send {
        bearer,
        cookie: cookie.clone(),
        no_csrf: true,
        ..Send::default()
    };
    api.call(Method::POST, "/api/auth/refresh", refresh(Some("junk")))
        .await
        .refused(403, "csrf_token_missing", None);
    // Not even a genuine bearer exempts the cookie-carried refresh.
    api.call(
        Method::POST,
        "/api/auth/refresh",
        refresh(Some(token(&auth))),
    )
    .await
    .refused(403, "csrf_token_missing", None);
    api.call(Method::POST, "/api/auth/refresh", refresh(None))
        .await
        .refused(403, "csrf_token_missing", None);
    // Elsewhere a junk bearer is refused as what it is, before CSRF is considered.
    api.call(
        Method::POST,
        "/api/organizations",
        Send {
            bearer: Some("junk"),
            body: Some(json!({ "name": "Studio" })),
            no_csrf: true,
            ..Send::default()
        },
    )
    .await
    .refused(401, "invalid_token", None);
    // A bearer that authenticates still stands on its own, as native clients use it.
    api.call(
        Method::POST,
        "/api/organizations",
        Send {
            bearer: Some(token(&auth)),
            body: Some(json!({ "name": "Studio" })),
            no_csrf: true,
            ..Send::default()
        },
    )
    .await
    .expect(201);
    // The refresh token was never spent by the refused requests.
    api.post(
        "/api/auth/refresh",
        json!({ "refreshToken": refresh_token(&auth) }),
    )
    .await
    .expect(200);
}

/// Also found: answers carrying tokens and personal data had no `Cache-Control`.
async fn api_answers_are_never_cached(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let signed_in = api.login("ada@studio.example", PASSWORD).await.expect(200);
    let me = api.get("/api/auth/me", token(&auth)).await.expect(200);
    let sessions = api
        .get("/api/auth/sessions", token(&auth))
        .await
        .expect(200);
    for answer in [&signed_in, &me, &sessions] {
        assert_eq!(answer.header("cache-control"), "no-store");
    }
}

/// Also found: turning two-factor on left the person's other sessions signed in, where a
/// new password ends them.
async fn turning_on_two_factor_ends_other_sessions(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let here = api.signup("ada@studio.example", "Ada").await;
    let elsewhere = api.login("ada@studio.example", PASSWORD).await.expect(200);
    crate::accounts::two_factor::enable(&api, token(&here)).await;
    api.get("/api/auth/me", token(&elsewhere.body))
        .await
        .refused(401, "session_ended", None);
    api.get("/api/auth/me", token(&here)).await.expect(200);
}

/// Also asked for: `/metrics` behind an optional token.
async fn metrics_need_the_metrics_token_when_one_is_set(backend: Backend) {
    let secret = "scrape-me-please-0123456789";
    let server = server(backend).env("METRICS_TOKEN", secret).start().await;
    let refused = server.get("/metrics").await;
    assert_eq!(refused.status(), 401);
    let wrong = server
        .get_with(
            "/metrics",
            ("authorization", "Bearer scrape-me-please-0123456780"),
        )
        .await;
    assert_eq!(wrong.status(), 401);
    let scraped = server
        .get_with("/metrics", ("authorization", &format!("Bearer {secret}")))
        .await;
    assert_eq!(scraped.status(), 200);
    assert!(scraped.text().await.unwrap().contains("http_requests"));
}

/// Found by the schema fuzzer: a request without credentials to a route that needs a
/// bearer token was answered `403 csrf_token_missing`, where the document says 401; and a
/// method a public route does not have was answered by the CSRF check rather than 405.
async fn authentication_is_decided_before_csrf(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let anonymous = |body| Send {
        body,
        no_csrf: true,
        ..Send::default()
    };
    api.call(
        Method::POST,
        "/api/organizations",
        anonymous(Some(json!({ "name": "Studio" }))),
    )
    .await
    .refused(401, "unauthorized", None);
    api.call(
        Method::DELETE,
        "/api/notifications/read-all",
        anonymous(None),
    )
    .await
    .expect(405);
    for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::TRACE] {
        let answer = server
            .client
            .request(method.clone(), server.url("/api/auth/login"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 405, "{method}");
        assert_eq!(answer.headers()["allow"], "POST", "{method}");
    }
    // A public route still needs the CSRF token to change anything.
    api.call(
        Method::POST,
        "/api/auth/login",
        anonymous(Some(json!({ "email": "a@b.co", "password": "x" }))),
    )
    .await
    .refused(403, "csrf_token_missing", None);
}

any_backend!(
    authentication_is_decided_before_csrf,
    metrics_need_the_metrics_token_when_one_is_set
);

both_backends!(
    csrf_exempts_only_a_bearer_that_authenticates,
    api_answers_are_never_cached,
    turning_on_two_factor_ends_other_sessions,
);
