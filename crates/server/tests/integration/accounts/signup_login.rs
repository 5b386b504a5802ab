//! Signup, login, the profile: the happy paths and the shape PRODUCT.md fixes.

use reqwest::Method;
use serde_json::json;

use super::client::*;
use crate::{both_backends, support::*};

async fn signup_answers_the_seed_shape_and_the_first_account_is_admin(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let first = api
        .post(
            "/api/auth/signup",
            json!({"email": "  Ada@Studio.Example ", "password": PASSWORD, "name": "Ada"}),
        )
        .await
        .expect(201);
    let auth = &first.body;
    assert_eq!(auth["token"], auth["accessToken"]);
    assert_eq!(auth["expiresIn"], 900);
    assert_eq!(auth["tokenType"], "Bearer");
    assert_eq!(refresh_token(auth).len(), 43, "256 bits, base64url");
    let user = &auth["user"];
    assert_eq!(user["email"], "ada@studio.example", "normalised");
    assert_eq!(user["userType"], "client", "the default");
    assert_eq!(
        user["isAdmin"], true,
        "the first account administers the instance"
    );
    assert_eq!(user["emailVerified"], false);
    for secret in ["password", "passwordHash", "password_hash", "totpSecret"] {
        assert!(user.get(secret).is_none(), "{secret} leaked: {user}");
    }
    assert!(chrono::DateTime::parse_from_rfc3339(user["createdAt"].as_str().unwrap()).is_ok());
    let cookie = first
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("flux_refresh="))
        .expect("the refresh cookie");
    assert!(cookie.contains(refresh_token(auth)));
    for part in ["HttpOnly", "SameSite=Strict", "Path=/api/auth"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "development is plain HTTP: {cookie}"
    );

    let second = api.signup("grace@studio.example", "Grace").await;
    assert_eq!(second["user"]["isAdmin"], false, "only the first");
    assert_eq!(second["user"]["userType"], "designer");

    let me = api.get("/api/auth/me", token(auth)).await.expect(200);
    assert_eq!(me.body["id"], user["id"]);
    assert_eq!(me.body["email"], "ada@studio.example");
}

async fn login_is_case_insensitive_and_the_profile_can_be_edited(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    api.signup("ada@studio.example", "Ada").await;
    let login = api.login("ADA@studio.EXAMPLE", PASSWORD).await.expect(200);
    let access = token(&login.body).to_owned();
    assert_eq!(login.body["user"]["email"], "ada@studio.example");
    assert!(login.body["user"]["lastLoginAt"].is_string());

    let edited = api
        .with_token(
            Method::PATCH,
            "/api/auth/me",
            &access,
            Some(json!({"name": "Ada L.", "avatarUrl": "https://cdn.example/a.png", "timezone": "Europe/Paris"})),
        )
        .await
        .expect(200);
    assert_eq!(edited.body["name"], "Ada L.");
    assert_eq!(edited.body["avatarUrl"], "https://cdn.example/a.png");
    assert_eq!(edited.body["timezone"], "Europe/Paris");

    // Absent fields stay; null clears.
    let cleared = api
        .with_token(
            Method::PATCH,
            "/api/auth/me",
            &access,
            Some(json!({"avatarUrl": null})),
        )
        .await
        .expect(200);
    assert_eq!(cleared.body["avatarUrl"], serde_json::Value::Null);
    assert_eq!(cleared.body["timezone"], "Europe/Paris");
    assert_eq!(cleared.body["name"], "Ada L.");
    let me = api.get("/api/auth/me", &access).await.expect(200);
    assert_eq!(me.body["name"], "Ada L.");
}

async fn profile_edits_refuse_bad_values_and_change_nothing(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let auth = api.signup("ada@studio.example", "Ada").await;
    let before = account_rows(&server).await;
    let cases = [
        (json!({"name": ""}), "name"),
        (json!({"name": "x".repeat(101)}), "name"),
        (json!({"name": 7}), "name"),
        (json!({"avatarUrl": "javascript:alert(1)"}), "avatarUrl"),
        (
            json!({"avatarUrl": format!("https://a.example/{}", "x".repeat(2100))}),
            "avatarUrl",
        ),
        (json!({"timezone": "Not a zone!"}), "timezone"),
        (json!({"email": "new@studio.example"}), "email"),
        (json!({"isAdmin": true}), "isAdmin"),
    ];
    for (body, field) in cases {
        let answer = api
            .with_token(
                Method::PATCH,
                "/api/auth/me",
                token(&auth),
                Some(body.clone()),
            )
            .await;
        assert_eq!(answer.status, 422, "{body} -> {:#}", answer.body);
        assert!(
            answer.body["field"]
                .as_str()
                .unwrap_or_default()
                .contains(field)
                || answer.body["message"].as_str().unwrap().contains(field),
            "{body} -> {:#}",
            answer.body
        );
    }
    assert_eq!(account_rows(&server).await, before);
}

both_backends!(
    signup_answers_the_seed_shape_and_the_first_account_is_admin,
    login_is_case_insensitive_and_the_profile_can_be_edited,
    profile_edits_refuse_bad_values_and_change_nothing,
);
