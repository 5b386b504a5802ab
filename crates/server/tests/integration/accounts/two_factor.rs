//! Two-factor authentication: set-up and confirmation, the second sign-in step (each
//! authenticator code and each recovery code works once), turning it off, and the
//! security log. Codes are computed from the secret the server hands out, at chosen times.

use fluxstudio_auth::totp::TotpSecret;
use reqwest::Method;
use serde_json::{Value, json};

use super::client::*;
use crate::{both_backends, support::*};

/// The authenticator app's code for `secret` at `unix_seconds`.
fn code_at(secret: &str, unix_seconds: i64) -> String {
    TotpSecret::from_base32(secret)
        .expect("a base32 secret")
        .code_at(unix_seconds)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Six digits that are no code the server could accept around `at` (±2 steps).
fn wrong_code(secret: &str, at: i64) -> String {
    let near: Vec<String> = (-2..=2).map(|s| code_at(secret, at + s * 30)).collect();
    (0..)
        .map(|n| format!("{n:06}"))
        .find(|c| !near.contains(c))
        .unwrap()
}

/// Two-factor turned on for the holder of `access`.
pub(crate) struct Enabled {
    secret: String,
    /// When the confirming code was computed: its step is spent.
    confirmed_at: i64,
    recovery_codes: Vec<String>,
}

async fn setup(api: &Api<'_>, access: &str) -> Value {
    api.with_token(Method::POST, "/api/auth/2fa/setup", access, None)
        .await
        .expect(200)
        .body
}

async fn confirm(api: &Api<'_>, access: &str, code: &str) -> Answer {
    api.with_token(
        Method::POST,
        "/api/auth/2fa/confirm",
        access,
        Some(json!({ "code": code })),
    )
    .await
}

pub(crate) async fn enable(api: &Api<'_>, access: &str) -> Enabled {
    let secret = setup(api, access).await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let confirmed_at = now();
    let enabled = confirm(api, access, &code_at(&secret, confirmed_at))
        .await
        .expect(200)
        .body;
    let recovery_codes = enabled["recoveryCodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    Enabled {
        secret,
        confirmed_at,
        recovery_codes,
    }
}

async fn status(api: &Api<'_>, access: &str) -> Value {
    api.get("/api/auth/2fa", access).await.expect(200).body
}

/// The password step for an account with two-factor: a challenge, never tokens.
async fn challenge(api: &Api<'_>, email: &str, password: &str) -> String {
    let answer = api.login(email, password).await.expect(200);
    assert_eq!(answer.body["twoFactorRequired"], true, "{:#}", answer.body);
    answer.body["challengeToken"].as_str().unwrap().to_owned()
}

async fn second_step(api: &Api<'_>, challenge: &str, code: &str) -> Answer {
    api.post(
        "/api/auth/login/2fa",
        json!({ "challengeToken": challenge, "code": code }),
    )
    .await
}

async fn setup_then_confirm_turns_two_factor_on(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    let grace = api.signup("grace@studio.example", "Grace").await;
    let access = token(&ada);

    assert_eq!(
        status(&api, access).await,
        json!({"enabled": false, "recoveryCodesLeft": 0})
    );
    let started = setup(&api, access).await;
    let secret = started["secret"].as_str().unwrap();
    assert!(TotpSecret::from_base32(secret).is_some(), "{secret}");
    let uri = started["otpauthUri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    assert!(uri.contains("issuer="), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    assert!(uri.contains("ada%40studio.example"), "{uri}");
    // Pending is not on.
    assert_eq!(status(&api, access).await["enabled"], false);

    // Another user never started set-up.
    confirm(&api, token(&grace), "123456")
        .await
        .refused(409, "two_factor_not_pending", None);
    let at = now();
    confirm(&api, access, &wrong_code(secret, at))
        .await
        .refused(401, "invalid_code", Some("code"));
    confirm(&api, access, "not a code")
        .await
        .refused(401, "invalid_code", Some("code"));
    assert_eq!(status(&api, access).await["enabled"], false);

    let enabled = confirm(&api, access, &code_at(secret, at))
        .await
        .expect(200)
        .body;
    assert_eq!(enabled["enabled"], true);
    let codes: Vec<&str> = enabled["recoveryCodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 10, "{codes:?}");
    let mut distinct = codes.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 10, "{codes:?}");
    for code in &codes {
        assert_eq!(code.len(), 11, "xxxxx-xxxxx: {code}");
        assert_eq!(&code[5..6], "-", "{code}");
    }

    api.with_token(Method::POST, "/api/auth/2fa/setup", access, None)
        .await
        .refused(409, "two_factor_enabled", None);
    confirm(&api, access, &code_at(secret, now() + 30))
        .await
        .refused(409, "two_factor_enabled", None);
    let me = api.get("/api/auth/me", access).await.expect(200);
    assert_eq!(me.body["twoFactorEnabled"], true);
    assert_eq!(
        status(&api, access).await,
        json!({"enabled": true, "recoveryCodesLeft": 10})
    );
    let other = api.get("/api/auth/me", token(&grace)).await.expect(200);
    assert_eq!(other.body["twoFactorEnabled"], false);
}

async fn login_asks_for_a_code_and_each_code_works_once(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    let on = enable(&api, token(&ada)).await;

    // The password step creates no session and hands out no tokens.
    let before = account_rows(&server).await;
    let answer = api.login("ada@studio.example", PASSWORD).await.expect(200);
    let body = answer.body.as_object().unwrap();
    assert_eq!(answer.body["twoFactorRequired"], true);
    assert_eq!(answer.body["expiresIn"], 300);
    let challenge_token = answer.body["challengeToken"].as_str().unwrap().to_owned();
    assert!(!challenge_token.is_empty());
    for key in ["token", "accessToken", "refreshToken", "user"] {
        assert!(!body.contains_key(key), "{key} in {body:#?}");
    }
    assert!(
        answer
            .cookies()
            .iter()
            .all(|c| !c.starts_with("flux_refresh=")),
        "{:?}",
        answer.cookies()
    );
    assert_eq!(account_rows(&server).await, before);

    // The code that confirmed set-up is spent.
    let spent = code_at(&on.secret, on.confirmed_at);
    second_step(&api, &challenge_token, &spent)
        .await
        .refused(401, "invalid_code", Some("code"));
    assert_eq!(account_rows(&server).await, before);

    // The next step's code signs in, once.
    let next = code_at(&on.secret, on.confirmed_at + 30);
    let signed_in = second_step(&api, &challenge_token, &next)
        .await
        .expect(200)
        .body;
    assert_eq!(signed_in["user"]["email"], "ada@studio.example");
    assert_eq!(signed_in["user"]["twoFactorEnabled"], true);
    api.get("/api/auth/me", token(&signed_in)).await.expect(200);
    let replay = challenge(&api, "ada@studio.example", PASSWORD).await;
    second_step(&api, &replay, &next)
        .await
        .refused(401, "invalid_code", Some("code"));

    // A recovery code, typed upper-case without its dash, signs in once.
    let recovery = on.recovery_codes[0].to_uppercase().replace('-', "");
    let by_recovery = challenge(&api, "ada@studio.example", PASSWORD).await;
    let rescued = second_step(&api, &by_recovery, &recovery)
        .await
        .expect(200)
        .body;
    let access = token(&rescued).to_owned();
    let again = challenge(&api, "ada@studio.example", PASSWORD).await;
    second_step(&api, &again, &on.recovery_codes[0])
        .await
        .refused(401, "invalid_code", Some("code"));
    assert_eq!(
        status(&api, &access).await,
        json!({"enabled": true, "recoveryCodesLeft": 9})
    );

    // A challenge is not an access token, and a made-up challenge is refused.
    let me = api.get("/api/auth/me", &challenge_token).await;
    assert_eq!(me.status, 401, "{:#}", me.body);
    let garbage = second_step(&api, "not.a.challenge", &on.recovery_codes[1]).await;
    assert_eq!(garbage.status, 401, "{:#}", garbage.body);
    let made_up = second_step(&api, "", &on.recovery_codes[1]).await;
    assert_eq!(made_up.status, 401, "{:#}", made_up.body);
    assert_eq!(
        status(&api, &access).await["recoveryCodesLeft"],
        9,
        "refused attempts spend no code"
    );
}

async fn disabling_needs_the_password_and_a_code(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    assert_eq!(ada["user"]["isAdmin"], true, "the first account");
    let access = token(&ada).to_owned();
    let on = enable(&api, &access).await;
    // A recovery code spent signing in.
    let challenge_token = challenge(&api, "ada@studio.example", PASSWORD).await;
    second_step(&api, &challenge_token, &on.recovery_codes[0])
        .await
        .expect(200);

    let disable = |password: &str, code: &str| {
        api.with_token(
            Method::POST,
            "/api/auth/2fa/disable",
            &access,
            Some(json!({ "password": password, "code": code })),
        )
    };
    let fresh = code_at(&on.secret, on.confirmed_at + 30);
    let before = account_rows(&server).await;
    disable("Wrong1password", &fresh)
        .await
        .refused(401, "wrong_password", Some("password"));
    disable(PASSWORD, &wrong_code(&on.secret, now()))
        .await
        .refused(401, "invalid_code", Some("code"));
    disable(PASSWORD, &on.recovery_codes[0])
        .await
        .refused(401, "invalid_code", Some("code"));
    assert_eq!(account_rows(&server).await, before);
    assert_eq!(status(&api, &access).await["enabled"], true);

    let off = disable(PASSWORD, &on.recovery_codes[1]).await.expect(200);
    assert_eq!(off.body, json!({"enabled": false}));
    assert_eq!(
        status(&api, &access).await,
        json!({"enabled": false, "recoveryCodesLeft": 0})
    );
    disable(PASSWORD, &on.recovery_codes[2])
        .await
        .refused(409, "two_factor_disabled", None);
    let login = api.login("ada@studio.example", PASSWORD).await.expect(200);
    assert!(
        login.body.get("twoFactorRequired").is_none(),
        "{:#}",
        login.body
    );
    assert_eq!(login.body["user"]["twoFactorEnabled"], false);
    token(&login.body);

    // Each step is in the admin's security log, about ada. (At least one recovery code
    // use: the sign-in's; spending one to turn two-factor off is not logged as such.)
    let ada_id = &ada["user"]["id"];
    for (kind, at_least, at_most) in [
        ("two_factor_enabled", 1, 1),
        ("recovery_code_used", 1, 2),
        ("two_factor_disabled", 1, 1),
    ] {
        let list = api
            .get(&format!("/api/admin/security-events?type={kind}"), &access)
            .await
            .expect(200);
        let items = list.body["items"].as_array().unwrap();
        assert!(
            (at_least..=at_most).contains(&items.len()),
            "{kind}: {items:#?}"
        );
        for item in items {
            assert_eq!(item["type"], kind);
            assert_eq!(&item["userId"], ada_id, "{item:#}");
        }
    }
}

both_backends!(
    setup_then_confirm_turns_two_factor_on,
    login_asks_for_a_code_and_each_code_works_once,
    disabling_needs_the_password_and_a_code,
);
