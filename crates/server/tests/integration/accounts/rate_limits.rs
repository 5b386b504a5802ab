//! Rate limits: the seed's variables enforced exactly, with `Retry-After` and
//! `RateLimit-*`; failed sign-ins limited per account and per address.

use serde_json::json;

use super::client::*;
use crate::{both_backends, support::*};

async fn auth_limit_is_exact_and_says_when_to_retry(backend: Backend) {
    // The seed's production value: 3 per 15 minutes.
    let server = server(backend)
        .env("AUTH_RATE_LIMIT_MAX", "3")
        .env("RATE_LIMIT_WINDOW_MS", "900000")
        .start()
        .await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    for n in 2..=3 {
        let answer = api
            .login("admin@studio.example", PASSWORD)
            .await
            .expect(200);
        assert_eq!(answer.header("ratelimit-limit"), "3");
        assert_eq!(answer.header("ratelimit-remaining"), (3 - n).to_string());
    }
    let before = account_rows(&server).await;
    let refused = api.login("admin@studio.example", PASSWORD).await;
    refused.refused(429, "rate_limited", None);
    let retry: u64 = refused.header("retry-after").parse().unwrap();
    assert!((890..=900).contains(&retry), "{retry}");
    assert_eq!(refused.header("ratelimit-remaining"), "0");
    assert!(!refused.header("ratelimit-reset").is_empty());
    // Signup is limited by the same budget; the refusal changes nothing.
    api.post(
        "/api/auth/signup",
        json!({"email": "new@studio.example", "password": PASSWORD, "name": "New"}),
    )
    .await
    .refused(429, "rate_limited", None);
    assert_eq!(account_rows(&server).await, before);
    // Ordinary authenticated requests are not affected by the auth limit.
    api.get("/api/auth/me", token(&admin)).await.expect(200);

    let events = poll_events(&api, token(&admin), "rate_limit_exceeded", 2).await;
    assert_eq!(events[0]["severity"], "warning");
    assert_eq!(events[0]["ipAddress"], "127.0.0.1");
}

async fn failed_logins_are_limited_per_account(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    api.signup("ada@studio.example", "Ada").await;
    for _ in 0..5 {
        api.login("ada@studio.example", "Wrong1password")
            .await
            .refused(401, "invalid_credentials", None);
    }
    // The sixth attempt is refused even with the right password...
    let blocked = api.login("ada@studio.example", PASSWORD).await;
    blocked.refused(429, "rate_limited", None);
    assert!(blocked.header("retry-after").parse::<u64>().unwrap() > 0);
    // ...and an unknown address gets exactly the same treatment: nothing is revealed.
    for _ in 0..5 {
        api.login("nobody@studio.example", "Wrong1password")
            .await
            .refused(401, "invalid_credentials", None);
    }
    let unknown = api.login("nobody@studio.example", "Wrong1password").await;
    unknown.refused(429, "rate_limited", None);
    assert_eq!(blocked.body["error"], unknown.body["error"]);
    // Another account from the same address still signs in (10 failures < 20 per address).
    api.signup("grace@studio.example", "Grace").await;
    api.login("grace@studio.example", PASSWORD)
        .await
        .expect(200);
}

async fn general_limit_counts_per_user_and_spares_health(backend: Backend) {
    let server = server(backend)
        .env("RATE_LIMIT_MAX_REQUESTS", "20")
        .start()
        .await;
    let api = Api::new(&server).await; // 1 request from this address
    let ada = api.signup("ada@studio.example", "Ada").await; // 2
    let grace = api.signup("grace@studio.example", "Grace").await; // 3
    for _ in 0..20 {
        api.get("/api/auth/me", token(&ada)).await.expect(200);
    }
    let refused = api.get("/api/auth/me", token(&ada)).await;
    refused.refused(429, "rate_limited", None);
    assert!(!refused.header("retry-after").is_empty());
    // Keyed by user: Grace, from the same address, is not held back by Ada.
    api.get("/api/auth/me", token(&grace)).await.expect(200);
    for _ in 0..30 {
        assert_eq!(server.get("/api/health").await.status(), 200);
    }
}

/// Rate-limit events are written off the request path: wait until `count` are there.
async fn poll_events(
    api: &Api<'_>,
    admin: &str,
    kind: &str,
    count: usize,
) -> Vec<serde_json::Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let answer = api
            .get(&format!("/api/admin/security-events?type={kind}"), admin)
            .await
            .expect(200);
        let items = answer.body["items"].as_array().unwrap().clone();
        if items.len() >= count {
            return items;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{count} {kind} events: {items:#?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn failed_codes_are_limited_per_account_across_challenges(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let setup = api
        .with_token(
            reqwest::Method::POST,
            "/api/auth/2fa/setup",
            token(&auth),
            None,
        )
        .await
        .expect(200);
    let secret =
        fluxstudio_auth::totp::TotpSecret::from_base32(setup.body["secret"].as_str().unwrap())
            .unwrap();
    let now = chrono::Utc::now().timestamp();
    api.with_token(
        reqwest::Method::POST,
        "/api/auth/2fa/confirm",
        token(&auth),
        Some(json!({"code": secret.code_at(now)})),
    )
    .await
    .expect(200);
    // A wrong code is any six digits that are none of the accepted steps' codes.
    let accepted: Vec<String> = (-1..=2)
        .map(|step| secret.code_at(now + step * 30))
        .collect();
    let wrong = (0..1_000_000)
        .map(|n| format!("{n:06}"))
        .find(|c| !accepted.contains(c))
        .unwrap();
    // Five wrong codes spread over fresh challenges: a new challenge buys no new guesses.
    for _ in 0..5 {
        let challenge = api
            .login("ada@studio.example", PASSWORD)
            .await
            .expect(200)
            .body;
        api.post(
            "/api/auth/login/2fa",
            json!({"challengeToken": challenge["challengeToken"], "code": wrong}),
        )
        .await
        .refused(401, "invalid_code", Some("code"));
    }
    let challenge = api
        .login("ada@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;
    let blocked = api
        .post(
            "/api/auth/login/2fa",
            json!({"challengeToken": challenge["challengeToken"], "code": secret.code_at(now + 30)}),
        )
        .await;
    blocked.refused(429, "rate_limited", None);
    assert!(blocked.header("retry-after").parse::<u64>().unwrap() > 0);
}

both_backends!(
    failed_codes_are_limited_per_account_across_challenges,
    auth_limit_is_exact_and_says_when_to_retry,
    failed_logins_are_limited_per_account,
    general_limit_counts_per_user_and_spares_health
);
