//! CSRF: a stable double-submit token, required on state-changing requests without a
//! bearer token, never on bearer requests.

use reqwest::Method;
use serde_json::json;

use super::client::*;
use crate::{both_backends, support::*};

async fn the_token_is_stable_and_checked(backend: Backend) {
    let server = server(backend).start().await;
    let first = server.get("/api/csrf-token").await;
    let cookie = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("flux_csrf="))
        .expect("the CSRF cookie");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let csrf = first.json::<serde_json::Value>().await.unwrap()["csrfToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with(&format!("flux_csrf={csrf};")));
    // Asked again with its cookie, the same token comes back: it does not rotate.
    let again = server
        .get_with("/api/csrf-token", ("cookie", &format!("flux_csrf={csrf}")))
        .await;
    assert!(again.headers().get("set-cookie").is_none());
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again["csrfToken"], csrf.as_str());
    // A cookie this server never signed is replaced.
    let forged = server
        .get_with("/api/csrf-token", ("cookie", "flux_csrf=abc.def"))
        .await;
    let forged: serde_json::Value = forged.json().await.unwrap();
    assert_ne!(forged["csrfToken"], "abc.def");

    let api = Api::new(&server).await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let before = account_rows(&server).await;
    let signup = json!({"email": "b@studio.example", "password": PASSWORD, "name": "B"});
    let missing = Send {
        body: Some(signup.clone()),
        no_csrf: true,
        ..Send::default()
    };
    api.call(Method::POST, "/api/auth/signup", missing.clone())
        .await
        .refused(403, "csrf_token_missing", None);
    // The header without the cookie, and a header that differs from the cookie.
    let header_only = server
        .client
        .post(server.url("/api/auth/signup"))
        .header("x-csrf-token", &api.csrf)
        .json(&signup)
        .send()
        .await
        .unwrap();
    assert_eq!(header_only.status(), 403);
    let other = Api::new(&server).await;
    let mismatched = server
        .client
        .post(server.url("/api/auth/login"))
        .header("x-csrf-token", &other.csrf)
        .header("cookie", format!("flux_csrf={}", api.csrf))
        .json(&json!({"email": "ada@studio.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(mismatched.status(), 403);
    let body: serde_json::Value = mismatched.json().await.unwrap();
    assert_eq!(body["error"], "csrf_token_invalid");
    for path in ["/api/auth/login", "/api/auth/refresh", "/api/auth/logout"] {
        api.call(
            Method::POST,
            path,
            Send {
                body: Some(json!({})),
                no_csrf: true,
                ..Send::default()
            },
        )
        .await
        .refused(403, "csrf_token_missing", None);
    }
    assert_eq!(account_rows(&server).await, before);

    // A bearer request needs no CSRF token: no browser adds that header on its own.
    let bearer = Send {
        bearer: Some(token(&auth)),
        body: Some(json!({"name": "Ada B."})),
        no_csrf: true,
        ..Send::default()
    };
    api.call(Method::PATCH, "/api/auth/me", bearer)
        .await
        .expect(200);
}

both_backends!(the_token_is_stable_and_checked);
