//! Extractors: the authenticated caller (from `Authorization: Bearer`) and where a
//! request came from.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{HeaderMap, StatusCode, header, request::Parts},
};
use fluxstudio_accounts::{Caller, Client};

use crate::{ApiError, AppState};

/// A request authenticated by a valid access token of a live session.
pub struct Authenticated(pub Caller);

/// The bearer token of a request, if it carries one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(&parts.headers).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Sign in to continue: send an access token as `Authorization: Bearer <token>`.",
            )
        })?;
        Ok(Self(state.accounts().authenticate(token).await?))
    }
}

/// An authenticated instance administrator.
pub struct Admin(pub Caller);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Authenticated(caller) = Authenticated::from_request_parts(parts, state).await?;
        state.accounts().require_admin(&caller)?;
        Ok(Self(caller))
    }
}

/// Where the request came from: its address (see [`client_ip`]) and user agent.
pub struct Origin(pub Client);

impl FromRequestParts<AppState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ip = client_ip(parts, state.inner.web.trusted_proxies).map(|ip| ip.to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(512).collect());
        Ok(Self(Client { ip, user_agent }))
    }
}

/// The client's address. Without trusted proxies it is the socket's peer: a header anyone
/// can write is not believed. With `trusted` proxies in front, each appends the address it
/// saw to `X-Forwarded-For`, so the entry `trusted` places from the right is the client.
pub fn client_ip(parts: &Parts, trusted: usize) -> Option<IpAddr> {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if trusted == 0 {
        return peer;
    }
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    forwarded
        .len()
        .checked_sub(trusted)
        .and_then(|i| forwarded.get(i))
        .and_then(|ip| ip.parse().ok())
        .or(peer)
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderValue, Request};
    use proptest::prelude::*;

    use super::*;

    /// An `X-Forwarded-For` value as anybody may write one: any bytes a header value can
    /// hold, or lists of addresses and near misses.
    fn forwarded() -> impl Strategy<Value = HeaderValue> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..60)
                .prop_filter_map("not a header value", |b| HeaderValue::from_bytes(&b).ok()),
            "(( ?[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}| ?::1| ?[0-9a-f:]{2,12}| ?unknown|) ?,?){0,5}"
                .prop_filter_map("not a header value", |t| HeaderValue::from_str(&t).ok()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any forwarded headers and any number of trusted proxies give the socket's peer
        /// or an address one of the headers names, never a panic.
        #[test]
        fn any_forwarded_for_gives_the_peer_or_a_named_address(
            values in prop::collection::vec(forwarded(), 0..3),
            trusted in prop_oneof![0..6usize, Just(usize::MAX)],
            peer in prop::option::of(any::<std::net::SocketAddr>()),
        ) {
            let mut request = Request::new(());
            for value in &values {
                request.headers_mut().append("x-forwarded-for", value.clone());
            }
            if let Some(peer) = peer {
                request.extensions_mut().insert(ConnectInfo(peer));
            }
            let (parts, ()) = request.into_parts();
            let ip = client_ip(&parts, trusted);
            let peer = peer.map(|p| p.ip());
            if trusted == 0 {
                prop_assert_eq!(ip, peer);
            } else if ip != peer {
                let ip = ip.unwrap();
                let named = values.iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(','));
                prop_assert!(named.into_iter().any(|entry| entry.trim().parse() == Ok(ip)), "{ip} from {values:?}");
            }
        }
    }
}
