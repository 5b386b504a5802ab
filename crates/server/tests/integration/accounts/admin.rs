//! Instance administration: every admin route refuses anonymous (401) and non-admin (403)
//! callers; the users list, user changes (never the last admin), the security log, the
//! database status and migrations.

use reqwest::Method;
use serde_json::{Value, json};

use super::client::*;
use crate::{both_backends, support::*};

const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/admin/db-status"),
    ("POST", "/api/admin/init-database"),
    ("GET", "/api/admin/users"),
    (
        "PATCH",
        "/api/admin/users/00000000-0000-7000-8000-000000000000",
    ),
    ("GET", "/api/admin/security-events"),
];

async fn admin_routes_refuse_everyone_else(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    let user = api.signup("ada@studio.example", "Ada").await;
    let before = account_rows(&server).await;
    for (method, path) in ROUTES {
        let method: Method = method.parse().unwrap();
        let body = (method == Method::PATCH).then(|| json!({"isAdmin": true}));
        let anonymous = Send {
            body: body.clone(),
            ..Send::default()
        };
        api.call(method.clone(), path, anonymous)
            .await
            .refused(401, "unauthorized", None);
        api.with_token(method.clone(), path, token(&user), body)
            .await
            .refused(403, "forbidden", None);
    }
    assert_eq!(account_rows(&server).await, before);

    let status = api
        .get("/api/admin/db-status", token(&admin))
        .await
        .expect(200);
    assert_eq!(status.body["status"], "complete");
    assert_eq!(status.body["essentialTables"]["missing"], json!([]));
    assert!(status.body["totalTables"].as_u64().unwrap() >= 12);
    let migrations = status.body["migrations"].as_array().unwrap();
    assert!(migrations.iter().all(|m| m["appliedAt"].is_string()));
    assert!(migrations.iter().any(|m| m["name"] == "0002_accounts"));

    let init = api
        .with_token(
            Method::POST,
            "/api/admin/init-database",
            token(&admin),
            None,
        )
        .await
        .expect(200);
    assert_eq!(init.body["migrationsApplied"], 0);
    assert_eq!(init.body["status"]["status"], "complete");
}

async fn users_are_listed_searched_and_paged(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    for name in ["Ada", "Grace", "Hedy"] {
        api.signup(&format!("{}@studio.example", name.to_lowercase()), name)
            .await;
    }
    let all = api.get("/api/admin/users", token(&admin)).await.expect(200);
    let emails: Vec<&str> = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        [
            "hedy@studio.example",
            "grace@studio.example",
            "ada@studio.example",
            "admin@studio.example"
        ]
    );
    assert!(all.body["nextCursor"].is_null());

    let first = api
        .get("/api/admin/users?limit=3", token(&admin))
        .await
        .expect(200);
    assert_eq!(first.body["items"].as_array().unwrap().len(), 3);
    let cursor = first.body["nextCursor"].as_str().unwrap();
    let rest = api
        .get(
            &format!("/api/admin/users?limit=3&cursor={cursor}"),
            token(&admin),
        )
        .await
        .expect(200);
    assert_eq!(rest.body["items"][0]["email"], "admin@studio.example");
    assert!(rest.body["nextCursor"].is_null());

    let found = api
        .get("/api/admin/users?q=GRA", token(&admin))
        .await
        .expect(200);
    assert_eq!(found.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(found.body["items"][0]["name"], "Grace");
    // LIKE wildcards typed by the admin are literal.
    let literal = api
        .get("/api/admin/users?q=%25", token(&admin))
        .await
        .expect(200);
    assert_eq!(literal.body["items"].as_array().unwrap().len(), 0);

    api.get("/api/admin/users?limit=0", token(&admin))
        .await
        .refused(422, "invalid", Some("limit"));
    api.get("/api/admin/users?limit=101", token(&admin))
        .await
        .refused(422, "invalid", Some("limit"));
    api.get("/api/admin/users?cursor=nonsense", token(&admin))
        .await
        .refused(422, "invalid", Some("cursor"));
}

async fn never_the_last_admin(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    let admin_id = admin["user"]["id"].as_str().unwrap().to_owned();
    let ada_id = ada["user"]["id"].as_str().unwrap().to_owned();
    let patch = |id: &str, body: Value| {
        let path = format!("/api/admin/users/{id}");
        let token = token(&admin).to_owned();
        let api = &api;
        async move {
            api.with_token(Method::PATCH, &path, &token, Some(body))
                .await
        }
    };
    let before = account_rows(&server).await;
    patch(&admin_id, json!({"isAdmin": false}))
        .await
        .refused(409, "last_admin", None);
    patch(&admin_id, json!({"isActive": false}))
        .await
        .refused(409, "last_admin", None);
    patch(&ada_id, json!({"isAdmin": "yes"}))
        .await
        .refused(422, "invalid", Some("isAdmin"));
    patch(&ada_id, json!({"role": "admin"}))
        .await
        .refused(422, "invalid", Some("role"));
    patch(
        "00000000-0000-7000-8000-000000000000",
        json!({"isAdmin": true}),
    )
    .await
    .refused(404, "not_found", None);
    assert_eq!(account_rows(&server).await, before);

    let granted = patch(&ada_id, json!({"isAdmin": true})).await.expect(200);
    assert_eq!(granted.body["isAdmin"], true);
    // Ada's own token now reaches admin routes: the flag is read per request.
    api.get("/api/admin/users", token(&ada)).await.expect(200);
    // With a second admin, the first may step down.
    let demoted = patch(&admin_id, json!({"isAdmin": false}))
        .await
        .expect(200);
    assert_eq!(demoted.body["isAdmin"], false);
    api.get("/api/admin/users", token(&admin))
        .await
        .refused(403, "forbidden", None);
}

async fn security_events_filter_and_page(backend: Backend) {
    let server = server(backend).start().await;
    let api = Api::new(&server).await;
    let admin = api.signup("admin@studio.example", "Admin").await;
    let ada = api.signup("ada@studio.example", "Ada").await;
    api.login("ada@studio.example", "Wrong1password")
        .await
        .expect(401);
    api.login("ada@studio.example", PASSWORD).await.expect(200);
    let get = |query: &str| {
        let path = format!("/api/admin/security-events{query}");
        let token = token(&admin).to_owned();
        let api = &api;
        async move { api.get(&path, &token).await }
    };

    let all = get("").await.expect(200);
    let types: Vec<&str> = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "login_success",
            "login_failed",
            "signup_success",
            "signup_success"
        ]
    );

    let ada_id = ada["user"]["id"].as_str().unwrap();
    let ada_events = get(&format!("?userId={ada_id}")).await.expect(200);
    assert_eq!(ada_events.body["items"].as_array().unwrap().len(), 3);
    let warnings = get("?severity=warning").await.expect(200);
    let items = warnings.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["type"], "login_failed");
    assert_eq!(items[0]["userAgent"], api.user_agent.as_str());

    let page = get("?limit=2").await.expect(200);
    let cursor = page.body["nextCursor"].as_str().unwrap();
    let next = get(&format!("?limit=2&cursor={cursor}")).await.expect(200);
    assert_eq!(next.body["items"][0]["type"], "signup_success");
    assert!(next.body["nextCursor"].is_null());

    let future = (chrono::Utc::now() + chrono::Duration::hours(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let none = get(&format!("?from={future}")).await.expect(200);
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
    let past = get(&format!("?to={future}")).await.expect(200);
    assert_eq!(past.body["items"].as_array().unwrap().len(), 4);

    get("?type=made_up")
        .await
        .refused(422, "invalid", Some("type"));
    get("?severity=high")
        .await
        .refused(422, "invalid", Some("severity"));
}

both_backends!(
    admin_routes_refuse_everyone_else,
    users_are_listed_searched_and_paged,
    never_the_last_admin,
    security_events_filter_and_page
);
