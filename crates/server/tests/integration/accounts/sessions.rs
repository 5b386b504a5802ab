//! Sessions: listed with their devices, revoked one by one or all at once; signing out;
//! changing the password ends the other sessions.

use reqwest::Method;
use serde_json::json;

use super::client::*;
use crate::{both_backends, support::*};

const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

async fn sessions_show_devices_and_revoke_at_once(backend: Backend) {
    let server = server(backend).start().await;
    let laptop = Api::with_agent(&server, FIREFOX).await;
    let shell = Api::with_agent(&server, "curl/8.0.1").await;
    let here = laptop.signup("ada@studio.example", "Ada").await;
    let there = shell
        .login("ada@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;

    let list = laptop
        .get("/api/auth/sessions", token(&here))
        .await
        .expect(200);
    let sessions = list.body["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{:#}", list.body);
    let current = sessions.iter().find(|s| s["isCurrent"] == true).unwrap();
    assert_eq!(current["deviceName"], "Firefox 128 on Windows");
    assert_eq!(current["userAgent"], FIREFOX);
    assert_eq!(current["ipAddress"], "127.0.0.1");
    let other = sessions.iter().find(|s| s["isCurrent"] == false).unwrap();
    assert_eq!(other["deviceName"], "curl 8.0");
    for field in ["createdAt", "lastUsedAt", "expiresAt"] {
        assert!(other[field].is_string(), "{field}");
    }

    // Someone else cannot end Ada's session, nor see it.
    let grace = shell.signup("grace@studio.example", "Grace").await;
    let other_id = other["id"].as_str().unwrap();
    laptop
        .with_token(
            Method::DELETE,
            &format!("/api/auth/sessions/{other_id}"),
            token(&grace),
            None,
        )
        .await
        .refused(404, "not_found", None);
    let graces = shell
        .get("/api/auth/sessions", token(&grace))
        .await
        .expect(200);
    assert_eq!(graces.body["sessions"].as_array().unwrap().len(), 1);

    // Revoking it stops its access token at once, not in 15 minutes, and its refresh token.
    laptop
        .with_token(
            Method::DELETE,
            &format!("/api/auth/sessions/{other_id}"),
            token(&here),
            None,
        )
        .await
        .expect(200);
    shell
        .get("/api/auth/me", token(&there))
        .await
        .refused(401, "session_ended", None);
    shell
        .post(
            "/api/auth/refresh",
            json!({"refreshToken": refresh_token(&there)}),
        )
        .await
        .refused(401, "invalid_refresh_token", None);
    laptop
        .with_token(
            Method::DELETE,
            &format!("/api/auth/sessions/{other_id}"),
            token(&here),
            None,
        )
        .await
        .refused(404, "not_found", None);
    laptop
        .with_token(
            Method::DELETE,
            "/api/auth/sessions/not-a-uuid",
            token(&here),
            None,
        )
        .await
        .refused(404, "not_found", None);
    let left = laptop
        .get("/api/auth/sessions", token(&here))
        .await
        .expect(200);
    assert_eq!(left.body["sessions"].as_array().unwrap().len(), 1);
}

async fn logout_and_logout_all(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let one = api.signup("ada@studio.example", "Ada").await;
    let two = api
        .login("ada@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;
    let three = api
        .login("ada@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;

    // Sign out with the cookie, as the web app does: that session ends, the cookie goes.
    let out = api
        .call(
            Method::POST,
            "/api/auth/logout",
            Send {
                cookie: Some(format!("flux_refresh={}", refresh_token(&one))),
                ..Send::default()
            },
        )
        .await
        .expect(200);
    assert!(
        out.cookies()
            .iter()
            .any(|c| c.starts_with("flux_refresh=;"))
    );
    api.get("/api/auth/me", token(&one))
        .await
        .refused(401, "session_ended", None);
    // Twice is harmless.
    api.post(
        "/api/auth/logout",
        json!({"refreshToken": refresh_token(&one)}),
    )
    .await
    .expect(200);

    let all = api
        .with_token(Method::POST, "/api/auth/logout-all", token(&two), None)
        .await
        .expect(200);
    assert_eq!(all.body["sessionsRevoked"], 2);
    for auth in [&two, &three] {
        api.get("/api/auth/me", token(auth))
            .await
            .refused(401, "session_ended", None);
    }
    // logout-all needs a token.
    api.post("/api/auth/logout-all", json!({}))
        .await
        .refused(401, "unauthorized", None);
}

async fn changing_the_password_ends_the_other_sessions(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let here = api.signup("ada@studio.example", "Ada").await;
    let elsewhere = api
        .login("ada@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;
    let before = account_rows(&server).await;
    let change = |current: &str, new: &str| json!({"currentPassword": current, "newPassword": new});
    api.with_token(
        Method::POST,
        "/api/auth/password",
        token(&here),
        Some(change("Wrong1pass", "Another1pass")),
    )
    .await
    .refused(401, "wrong_password", Some("currentPassword"));
    api.with_token(
        Method::POST,
        "/api/auth/password",
        token(&here),
        Some(change(PASSWORD, "weak")),
    )
    .await
    .refused(422, "invalid", Some("newPassword"));
    api.with_token(
        Method::POST,
        "/api/auth/password",
        token(&here),
        Some(json!({"currentPassword": PASSWORD})),
    )
    .await
    .refused(422, "invalid", Some("newPassword"));
    assert_eq!(
        account_rows(&server).await,
        before,
        "refusals change nothing"
    );

    let done = api
        .with_token(
            Method::POST,
            "/api/auth/password",
            token(&here),
            Some(change(PASSWORD, "Another1pass")),
        )
        .await
        .expect(200);
    assert_eq!(done.body["sessionsRevoked"], 1);
    api.get("/api/auth/me", token(&here)).await.expect(200);
    api.get("/api/auth/me", token(&elsewhere))
        .await
        .refused(401, "session_ended", None);
    api.login("ada@studio.example", PASSWORD)
        .await
        .refused(401, "invalid_credentials", None);
    api.login("ada@studio.example", "Another1pass")
        .await
        .expect(200);
}

async fn ended_sessions_are_purged_after_a_week(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    {
        let first = server(backend).database_url(&url).start().await;
        let api = Api::new(&first).await;
        let kept = api.signup("ada@studio.example", "Ada").await;
        let old = api
            .login("ada@studio.example", PASSWORD)
            .await
            .expect(200)
            .body;
        api.post(
            "/api/auth/logout",
            json!({"refreshToken": refresh_token(&old)}),
        )
        .await
        .expect(200);
        // Age the ended session past the week it is kept.
        let db = open_store(&first.database_url).await;
        let eight_days_ago = chrono::Utc::now() - chrono::Duration::days(8);
        fluxstudio_store::write_with!(&db, |pool| sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE revoked_at IS NOT NULL"
        )
        .bind(eight_days_ago)
        .execute(pool)
        .await
        .unwrap()
        .rows_affected());
        db.close().await;
        api.get("/api/auth/me", token(&kept)).await.expect(200);
    }
    // Housekeeping runs at start and then hourly.
    let second = server(backend).database_url(&url).start().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let rows = account_rows(&second).await;
        let sessions = rows.iter().find(|(t, _)| t == "sessions").unwrap().1;
        if sessions == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{rows:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

both_backends!(
    ended_sessions_are_purged_after_a_week,
    sessions_show_devices_and_revoke_at_once,
    logout_and_logout_all,
    changing_the_password_ends_the_other_sessions
);
