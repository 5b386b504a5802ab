//! HTTP rate limits, configured with the seed's variables: a general limit per client
//! (the user when a valid bearer token is sent, the address otherwise), a tighter one per
//! address on the endpoints that guess or spend credentials, and failed sign-ins counted
//! per account and per address. It wraps the API's resources only: health probes are
//! never limited, and Socket.IO is not served through this layer (its events have limits
//! of their own, docs/REALTIME.md).

pub mod shared;
pub mod window;

use std::time::Duration;

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use fluxstudio_accounts::{AccountError, Client};
use fluxstudio_cluster::Redis;

use self::{shared::Limit, window::Decision};
use crate::{ApiError, AppState, auth::extract};

/// Limits, from `RATE_LIMIT_WINDOW_MS`, `RATE_LIMIT_MAX_REQUESTS`, `AUTH_RATE_LIMIT_MAX`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimitConfig {
    pub window: Duration,
    /// Requests per window per client, on every `/api` endpoint but health.
    pub max_requests: u32,
    /// Requests per window per address on signup, sign-in and the email-link endpoints.
    pub auth_max: u32,
    /// Failed sign-ins per window for one account from one address: where a guesser is
    /// stopped, without locking the owner out from anywhere else.
    pub failures_per_account: u32,
    /// Failed sign-ins per window for one account from anywhere: the slower backstop
    /// against guessing from many addresses. Past it, only an address that has no failures
    /// of its own on the account may still try (so the owner is never locked out).
    pub failures_per_account_anywhere: u32,
    /// Failed sign-ins per window from one address.
    pub failures_per_ip: u32,
}

impl Default for RateLimitConfig {
    /// Generous enough that a person using the web app never meets them (the app polls
    /// health, which is exempt, and makes a few requests per page); tight enough that a
    /// password guesser gets five tries per account per quarter hour.
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
            max_requests: 5_000,
            auth_max: 50,
            failures_per_account: 5,
            failures_per_account_anywhere: 50,
            failures_per_ip: 20,
        }
    }
}

pub struct RateLimits {
    general: Limit,
    auth: Limit,
    /// Failures of an account from one address, keyed `account address`.
    failed_pair: Limit,
    failed_account: Limit,
    failed_ip: Limit,
    /// Owners told of a pause this window (once each).
    told: Limit,
}

impl RateLimits {
    /// The limits, counted in `shared` Redis when instances share one.
    pub fn new(config: RateLimitConfig, shared: Option<Redis>) -> Self {
        let limit = |name, max| Limit::new(name, config.window, max, shared.clone());
        Self {
            general: limit("general", config.max_requests),
            auth: limit("auth", config.auth_max),
            failed_pair: limit("failed-pair", config.failures_per_account),
            failed_account: limit("failed-account", config.failures_per_account_anywhere),
            failed_ip: limit("failed-ip", config.failures_per_ip),
            told: limit("told", 1),
        }
    }

    /// Refuses a sign-in attempt while this account has used up its failures from this
    /// address, or the address its failures on any account, or the account its failures
    /// from anywhere and this address has failed on it too. Keyed by the email as typed
    /// (normalised), whether or not it exists, so the refusal reveals nothing about accounts.
    pub async fn login_allowed(&self, account: &str, ip: Option<&str>) -> Result<(), ApiError> {
        let ip = ip.unwrap_or("-");
        let pair = self.failed_pair.peek(&pair_key(account, ip)).await;
        let anywhere = self.failed_account.peek(account).await;
        let this_address_failed = pair.remaining < pair.limit;
        for decision in [
            pair,
            self.failed_ip.peek(ip).await,
            Decision {
                allowed: anywhere.allowed || !this_address_failed,
                ..anywhere
            },
        ] {
            if !decision.allowed {
                return Err(too_many(
                    decision,
                    "Too many failed sign-in attempts. Wait before trying again.",
                ));
            }
        }
        Ok(())
    }

    /// Counts a failed sign-in against the account from this address, the account from
    /// anywhere and the address, and forgets this address's failures on the account after
    /// a success. `paused` is called when this failure is the one that pauses sign-in
    /// (from this address, or from anywhere that has failed), once per window and
    /// account: the owner is told.
    pub async fn after_login<T>(
        &self,
        account: &str,
        ip: Option<&str>,
        outcome: Result<T, AccountError>,
        paused: impl FnOnce(),
    ) -> Result<T, ApiError> {
        let address = ip.unwrap_or("-");
        match outcome {
            Ok(value) => {
                self.failed_pair.reset(&pair_key(account, address)).await;
                Ok(value)
            }
            Err(error @ (AccountError::InvalidCredentials | AccountError::InvalidCode)) => {
                let pair = self.failed_pair.hit(&pair_key(account, address)).await;
                let anywhere = self.failed_account.hit(account).await;
                self.failed_ip.hit(address).await;
                let just_reached = |d: &Decision| d.allowed && d.remaining == 0;
                if (just_reached(&pair) || just_reached(&anywhere))
                    && self.told.hit(account).await.allowed
                {
                    paused();
                }
                Err(error.into())
            }
            Err(error) => Err(error.into()),
        }
    }
}

fn pair_key(account: &str, ip: &str) -> String {
    format!("{account} {ip}")
}

/// The paths that guess or spend credentials: limited per address by `AUTH_RATE_LIMIT_MAX`.
const AUTH_PATHS: &[&str] = &[
    "/api/auth/signup",
    "/api/auth/login",
    "/api/auth/login/2fa",
    "/api/auth/forgot-password",
    "/api/auth/reset-password",
    "/api/auth/verify-email",
];

/// The middleware: counts the request, answers 429 with `Retry-After` when over a limit,
/// and tells every limited response where it stands (`RateLimit-*`).
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let ip = extract::client_ip(&parts, state.inner.web.trusted_proxies).map(|ip| ip.to_string());
    let user = extract::bearer(&parts.headers).and_then(|t| state.accounts().token_subject(t));
    let key = match (&user, &ip) {
        (Some(user), _) => format!("user:{}", user.0),
        (None, Some(ip)) => format!("ip:{ip}"),
        (None, None) => "ip:-".to_owned(),
    };
    let limits = &state.inner.limits;
    let mut decision = limits.general.hit(&key).await;
    let mut which = "general";
    let is_auth = parts.method == Method::POST && AUTH_PATHS.contains(&parts.uri.path());
    if decision.allowed && is_auth {
        decision = limits.auth.hit(ip.as_deref().unwrap_or("-")).await;
        which = "auth";
    }
    if !decision.allowed {
        let client = Client {
            ip,
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        };
        let accounts = state.accounts().clone();
        // Recorded off the request path: a flood of refusals must not queue on the database.
        tokio::spawn(async move { accounts.record_rate_limited(user, &client, which).await });
        return too_many(decision, "Too many requests. Wait before trying again.").into_response();
    }
    parts.extensions.insert(decision);
    let mut response = next.run(Request::from_parts(parts, body)).await;
    advertise(response.headers_mut(), decision);
    response
}

/// A 429 with `Retry-After` and the `RateLimit-*` headers.
fn too_many(decision: Decision, message: &str) -> ApiError {
    let seconds = decision.reset_after_secs().max(1);
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("{message} Try again in {seconds} seconds."),
    )
    .with_headers(move |headers| {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        advertise(headers, decision);
    })
}

/// The IETF draft's `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds).
fn advertise(headers: &mut HeaderMap, decision: Decision) {
    headers.insert("ratelimit-limit", HeaderValue::from(decision.limit));
    headers.insert("ratelimit-remaining", HeaderValue::from(decision.remaining));
    headers.insert(
        "ratelimit-reset",
        HeaderValue::from(decision.reset_after_secs()),
    );
}
