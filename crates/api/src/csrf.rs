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
use fluxstudio_auth::csrf::CsrfKey;
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
        if !exempt && let Some((code, message)) = refusal(&state.inner.csrf, headers) {
            return ApiError::new(StatusCode::FORBIDDEN, code, message).into_response();
        }
    }
    next.run(request).await
}

/// Why the CSRF header does not do, if it does not.
fn refusal(key: &CsrfKey, headers: &HeaderMap) -> Option<(&'static str, &'static str)> {
    let cookie = cookies::read(headers, cookies::CSRF);
    let sent = headers.get(HEADER).and_then(|v| v.to_str().ok());
    match (cookie, sent) {
        (Some(cookie), Some(sent)) if key.check(cookie, sent) => None,
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

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use proptest::prelude::*;

    use super::*;

    fn key() -> CsrfKey {
        CsrfKey::derive(b"0123456789abcdef0123456789abcdef")
    }

    /// A header value as a client may send one: any bytes a value can hold (non-UTF-8
    /// included), or text shaped like a token, a bearer or a cookie list.
    fn value() -> impl Strategy<Value = HeaderValue> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..100)
                .prop_filter_map("not a header value", |b| HeaderValue::from_bytes(&b).ok()),
            "(Bearer|bearer|BEARER|Basic|) ?[ A-Za-z0-9_.=;-]{0,60}"
                .prop_filter_map("not a header value", |t| HeaderValue::from_str(&t).ok()),
            "((flux_csrf|flux_refresh|x)=[A-Za-z0-9_.-]{0,20}; ?){0,4}"
                .prop_filter_map("not a header value", |t| HeaderValue::from_str(&t).ok()),
        ]
    }

    /// Requests carrying any `Cookie`, `X-CSRF-Token` and `Authorization` headers.
    fn headers() -> impl Strategy<Value = HeaderMap> {
        (
            prop::collection::vec(value(), 0..3),
            prop::option::of(value()),
            prop::option::of(value()),
        )
            .prop_map(|(cookies, sent, authorization)| {
                let mut headers = HeaderMap::new();
                for cookie in cookies {
                    headers.append(header::COOKIE, cookie);
                }
                if let Some(sent) = sent {
                    headers.insert(HEADER, sent);
                }
                if let Some(authorization) = authorization {
                    headers.insert(header::AUTHORIZATION, authorization);
                }
                headers
            })
    }

    /// Whether [`guard`] lets the request through on its double submit.
    fn double_submit(key: &CsrfKey, headers: &HeaderMap) -> bool {
        refusal(key, headers).is_none()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the headers hold, what the guard reads from them (the bearer, both
        /// cookies, the CSRF header) is read without panicking, and without a token the key
        /// minted nothing passes.
        #[test]
        fn any_headers_are_read_and_refused(headers in headers()) {
            if let Some(token) = bearer(&headers) {
                prop_assert_eq!(token, token.trim());
                let sent = headers[header::AUTHORIZATION].to_str().unwrap();
                prop_assert!(sent.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("bearer ")), "{sent:?}");
            }
            let _ = cookies::read(&headers, cookies::REFRESH);
            prop_assert!(!double_submit(&key(), &headers));
        }

        /// A minted token in both the cookie (among any others) and the header passes; the
        /// same cookie with any other header does not.
        #[test]
        fn the_minted_token_passes_and_nothing_else(
            mut headers in headers(),
            other in value(),
        ) {
            let key = key();
            let token = key.issue().unwrap();
            let cookie = HeaderValue::from_str(&format!("{}={token}", cookies::CSRF)).unwrap();
            // The first CSRF cookie is the one read: ours goes first.
            let others: Vec<HeaderValue> = headers.get_all(header::COOKIE).iter().cloned().collect();
            headers.remove(header::COOKIE);
            headers.append(header::COOKIE, cookie);
            for value in others {
                headers.append(header::COOKIE, value);
            }
            headers.insert(HEADER, HeaderValue::from_str(&token).unwrap());
            prop_assert!(double_submit(&key, &headers));

            prop_assume!(other.as_bytes() != token.as_bytes());
            headers.insert(HEADER, other);
            prop_assert!(!double_submit(&key, &headers));
        }
    }
}
