//! Finding 7: five wrong passwords from anywhere locked an account for everyone, its owner
//! included. Failures now count per account and address (5), with a slower backstop per
//! account from anywhere (50) past which only an address without failures of its own may
//! try; and the owner is told by mail when sign-in is paused. Addresses are told apart by
//! `X-Forwarded-For` behind one trusted proxy (`TRUST_PROXY=1`).

use std::time::Duration;

use serde_json::json;

use crate::{accounts::client::*, both_backends, support::*, workspace::studio::Studio};

const EMAIL: &str = "ada@studio.example";
const WRONG: &str = "Wrong1password";
const PAUSED: &str = "Sign-in to your FluxStudio account was paused";

/// A sign-in attempt for `EMAIL` from `address`; the status.
async fn login_from(api: &Api<'_>, address: &str, password: &str) -> u16 {
    let response = api
        .server
        .client
        .post(api.server.url("/api/auth/login"))
        .header("x-forwarded-for", address)
        .header("x-csrf-token", &api.csrf)
        .header("cookie", format!("flux_csrf={}", api.csrf))
        .json(&json!({ "email": EMAIL, "password": password }))
        .send()
        .await
        .expect("request to the server");
    response.status().as_u16()
}

async fn a_lockout_cannot_deny_the_owner(backend: Backend) {
    let studio = Studio::start(backend, &[("TRUST_PROXY", "1")]).await;
    let api = Api::new(&studio.server).await;
    api.signup(EMAIL, "Ada").await;

    // Five wrong passwords from one address pause sign-in from there, and only there.
    for _ in 0..5 {
        assert_eq!(login_from(&api, "203.0.113.9", WRONG).await, 401);
    }
    assert_eq!(login_from(&api, "203.0.113.9", PASSWORD).await, 429);
    assert_eq!(login_from(&api, "198.51.100.7", PASSWORD).await, 200);
    let told = loop {
        let mail = studio
            .smtp
            .wait_for(EMAIL, Duration::from_secs(15))
            .await
            .unwrap_or_else(|| panic!("the owner is told:\n{}", studio.server.log()));
        if mail.subject().as_deref() == Some(PAUSED) {
            break mail;
        }
    };
    assert!(told.text_body().unwrap_or_default().contains("203.0.113.9"));

    // Guessing from many addresses meets the backstop: past it an address that has failed
    // may not try again, but one that has not, the owner's, still may.
    for n in 1..=9 {
        let address = format!("192.0.2.{n}");
        for _ in 0..5 {
            assert_eq!(login_from(&api, &address, WRONG).await, 401);
        }
    }
    assert_eq!(login_from(&api, "192.0.2.200", WRONG).await, 401);
    assert_eq!(login_from(&api, "192.0.2.200", PASSWORD).await, 429);
    assert_eq!(login_from(&api, "198.51.100.8", PASSWORD).await, 200);
    // One mail per window, not one per paused address (a second one would have been sent
    // before the last answers above).
    let paused = studio
        .smtp
        .messages()
        .iter()
        .filter(|mail| mail.subject().as_deref() == Some(PAUSED))
        .count();
    assert_eq!(paused, 1);
}

both_backends!(a_lockout_cannot_deny_the_owner);
