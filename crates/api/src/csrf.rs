//! CSRF protection by double submit: `GET /api/csrf-token` hands out a signed token and
//! sets it as a cookie; every state-changing request that does not carry a bearer token
//! must send it back in `X-CSRF-Token`. Bearer requests are exempt: a browser never adds
//! an `Authorization` header to a request another site makes it send.

use axum::{
    Json,
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    ApiError, AppState,
    auth::{cookies, extract::bearer},
};

pub const HEADER: &str = "x-csrf-token";

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CsrfToken {
    /// Send as `X-CSRF-Token` on POST, PUT, PATCH and DELETE.
    pub csrf_token: String,
}

/// The CSRF token for this browser: the one its cookie already holds when genuine, so
/// it stays the same for the session; a new one (and its cookie) otherwise.
#[utoipa::path(get, path = "/api/csrf-token", tag = "auth",
    responses((status = 200, body = CsrfToken)))]
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let key = &state.inner.csrf;
    if let Some(existing) = cookies::read(&headers, cookies::CSRF).filter(|t| key.is_genuine(t)) {
        return Ok(Json(CsrfToken {
            csrf_token: existing.to_owned(),
        })
        .into_response());
    }
    let fresh = key.issue().map_err(ApiError::internal)?;
    let cookie = cookies::set_csrf(state.inner.web, &fresh);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(CsrfToken { csrf_token: fresh }),
    )
        .into_response())
}

/// Refuses a state-changing request without a bearer token unless its CSRF header
/// matches its CSRF cookie.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if needs_check(&request) {
        let headers = request.headers();
        let cookie = cookies::read(headers, cookies::CSRF);
        let sent = headers.get(HEADER).and_then(|v| v.to_str().ok());
        let refusal = match (cookie, sent) {
            (Some(cookie), Some(sent)) if state.inner.csrf.check(cookie, sent) => None,
            (Some(_), Some(_)) => Some((
                "csrf_token_invalid",
                "The CSRF token does not match. Reload the page and try again.",
            )),
            _ => Some((
                "csrf_token_missing",
                "A CSRF token is required: get one from GET /api/csrf-token and send it as X-CSRF-Token.",
            )),
        };
        if let Some((code, message)) = refusal {
            return ApiError::new(StatusCode::FORBIDDEN, code, message).into_response();
        }
    }
    next.run(request).await
}

fn needs_check(request: &Request) -> bool {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    !safe && bearer(request.headers()).is_none()
}
