//! A small API client for account tests: it fetches a CSRF token like the web app does,
//! sends it (cookie and header) with every unsafe request, and returns status, headers
//! and JSON body together so assertions read in one line.

use reqwest::{Method, header::HeaderMap};
use serde_json::{Value, json};

use crate::support::{Server, open_store};

pub const PASSWORD: &str = "Correct1horse";

/// One HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    /// The body as text (exports are not JSON).
    pub text: String,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error"].as_str().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or_default()
    }

    /// Every `Set-Cookie` value.
    pub fn cookies(&self) -> Vec<&str> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect()
    }

    /// Asserts the status, printing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status, status, "{:#}", self.body);
        self
    }

    /// Asserts a refusal: status, code and (when given) field.
    #[track_caller]
    pub fn refused(&self, status: u16, code: &str, field: Option<&str>) {
        assert_eq!(self.status, status, "{:#}", self.body);
        assert_eq!(self.code(), code, "{:#}", self.body);
        assert!(self.body["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(self.body["field"].as_str(), field, "{:#}", self.body);
    }
}

/// A browser-like client of one server.
pub struct Api<'a> {
    pub server: &'a Server,
    pub csrf: String,
    pub user_agent: String,
}

/// What a request sends besides method and path.
#[derive(Default, Clone)]
pub struct Send<'b> {
    pub bearer: Option<&'b str>,
    pub body: Option<Value>,
    /// Raw body bytes with this content type, instead of `body`.
    pub raw: Option<(&'b str, &'b str)>,
    pub cookie: Option<String>,
    pub no_csrf: bool,
}

impl<'a> Api<'a> {
    pub async fn new(server: &'a Server) -> Self {
        Self::with_agent(server, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36").await
    }

    pub async fn with_agent(server: &'a Server, user_agent: &str) -> Self {
        let response = server.get("/api/csrf-token").await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        Self {
            server,
            csrf: body["csrfToken"].as_str().unwrap().to_owned(),
            user_agent: user_agent.to_owned(),
        }
    }

    pub async fn call(&self, method: Method, path: &str, send: Send<'_>) -> Answer {
        let mut request = self
            .server
            .client
            .request(method.clone(), self.server.url(path))
            .header("user-agent", &self.user_agent);
        let mut cookies = vec![];
        if !send.no_csrf && method != Method::GET {
            request = request.header("x-csrf-token", &self.csrf);
            cookies.push(format!("flux_csrf={}", self.csrf));
        }
        if let Some(cookie) = send.cookie {
            cookies.push(cookie);
        }
        if !cookies.is_empty() {
            request = request.header("cookie", cookies.join("; "));
        }
        if let Some(token) = send.bearer {
            request = request.bearer_auth(token);
        }
        if let Some((content_type, raw)) = send.raw {
            request = request
                .header("content-type", content_type)
                .body(raw.to_owned());
        } else if let Some(body) = send.body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request to the server");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// POST with a JSON body (and the CSRF token).
    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(
            Method::POST,
            path,
            Send {
                body: Some(body),
                ..Send::default()
            },
        )
        .await
    }

    /// A request authenticated by an access token.
    pub async fn with_token(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Answer {
        self.call(
            method,
            path,
            Send {
                bearer: Some(token),
                body,
                ..Send::default()
            },
        )
        .await
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.with_token(Method::GET, path, token, None).await
    }

    /// Signs up and returns the auth response.
    pub async fn signup(&self, email: &str, name: &str) -> Value {
        self.post(
            "/api/auth/signup",
            json!({"email": email, "password": PASSWORD, "name": name, "userType": "designer"}),
        )
        .await
        .expect(201)
        .body
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.post(
            "/api/auth/login",
            json!({"email": email, "password": password}),
        )
        .await
    }
}

/// The access token of an auth response.
pub fn token(auth: &Value) -> &str {
    auth["accessToken"].as_str().unwrap()
}

pub fn refresh_token(auth: &Value) -> &str {
    auth["refreshToken"].as_str().unwrap()
}

/// Rows in the tables accounts write (but the security log, which records refusals on
/// purpose): equal before and after a refused request means it changed nothing.
pub async fn account_rows(server: &Server) -> Vec<(String, i64)> {
    let db = open_store(&server.database_url).await;
    let mut counts = vec![];
    for table in [
        "users",
        "sessions",
        "refresh_tokens",
        "email_tokens",
        "recovery_codes",
    ] {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        let count: i64 = fluxstudio_store::read_with!(&db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await
            .unwrap());
        counts.push((table.to_owned(), count));
    }
    // Any field of any user changing (a name, a hash, a flag) shows in the latest update.
    let latest: Option<String> = fluxstudio_store::read_with!(&db, |pool| sqlx::query_scalar(
        "SELECT CAST(MAX(updated_at) AS TEXT) FROM users"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    counts.push((latest.unwrap_or_default(), 0));
    db.close().await;
    counts
}
