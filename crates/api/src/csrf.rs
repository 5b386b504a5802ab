//! CSRF protection by double submit: `GET /api/csrf-token` hands out a signed token and
//! sets it as a cookie; a state-changing request to a public route (signing up or in, the
//! refresh cookie, email links: [`crate::openapi::Guard::Public`]) that does not carry a
//! valid bearer token must send it back in `X-CSRF-Token`. The other routes need a bearer
//! token, which a browser never adds to a request another site makes it send, so they have
//! no CSRF check: a request without a token is answered 401 by the route itself.

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

/// Refuses a state-changing request unless its CSRF header matches its CSRF cookie, or it
/// carries a bearer token that authenticates. A bearer that does not (forged, expired,
/// ended) is answered 401 here, before CSRF: it exempts nothing. A request carrying the
/// refresh cookie is never exempt, bearer or not: that cookie is the ambient credential a
/// forged request would ride on.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if changes_state(request.method()) {
        let headers = request.headers();
        let exempt = match bearer(headers) {
            Some(token) if cookies::read(headers, cookies::REFRESH).is_none() => {
                match state.accounts().authenticate(token).await {
                    Ok(_) => true,
                    Err(error) => return ApiError::from(error).into_response(),
                }
            }
            _ => false,
        };
        if !exempt && let Some((code, message)) = refusal(&state, headers) {
            return ApiError::new(StatusCode::FORBIDDEN, code, message).into_response();
        }
    }
    next.run(request).await
}

/// Why the CSRF header does not do, if it does not.
fn refusal(state: &AppState, headers: &HeaderMap) -> Option<(&'static str, &'static str)> {
    let cookie = cookies::read(headers, cookies::CSRF);
    let sent = headers.get(HEADER).and_then(|v| v.to_str().ok());
    match (cookie, sent) {
        (Some(cookie), Some(sent)) if state.inner.csrf.check(cookie, sent) => None,
        (Some(_), Some(_)) => Some((
            "csrf_token_invalid",
            "The CSRF token does not match. Reload the page and try again.",
        )),
        _ => Some((
            "csrf_token_missing",
            "A CSRF token is required: get one from GET /api/csrf-token and send it as X-CSRF-Token.",
        )),
    }
}

/// Whether a request to a public route can change something: every public route that does
/// is a POST (`contract` tests it). Any other method is left to the router, which answers
/// 405 with `Allow` where the route has no such method.
fn changes_state(method: &Method) -> bool {
    *method == Method::POST
}
