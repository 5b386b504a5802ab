//! Every namespace's connect middleware: the access token from the handshake's
//! `auth.token`, checked like a bearer token (signature, expiry, live session). A refusal
//! reaches the client as `connect_error` with the message below.

use fluxstudio_accounts::AccountError;
use serde::Deserialize;
use socketioxide::extract::{State, TryData};
use uuid::Uuid;

use crate::context::Context;
use crate::sockets::SocketRef;

/// Who a socket belongs to, kept in its extensions.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub user: Uuid,
    pub session: Uuid,
    pub name: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct HandshakeAuth {
    token: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum Refusal {
    #[error("Authentication required: send the access token as auth.token.")]
    Missing,
    #[error("Token expired: refresh the access token and reconnect.")]
    Expired,
    #[error("Invalid token: sign in again.")]
    Invalid,
    #[error("The server could not check the token; try again.")]
    Unavailable,
}

pub(crate) async fn authenticate(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(auth): TryData<HandshakeAuth>,
) -> Result<(), Refusal> {
    let token = auth
        .ok()
        .and_then(|auth| auth.token)
        .filter(|token| !token.is_empty())
        .ok_or(Refusal::Missing)?;
    let caller = context
        .accounts
        .authenticate(&token)
        .await
        .map_err(|error| match error {
            AccountError::TokenExpired => Refusal::Expired,
            AccountError::TokenInvalid | AccountError::SessionEnded | AccountError::Disabled => {
                Refusal::Invalid
            }
            other => {
                tracing::warn!(error = %other, "socket handshake could not be checked");
                Refusal::Unavailable
            }
        })?;
    let me = context.accounts.me(&caller).await.map_err(|error| {
        tracing::warn!(%error, "socket handshake could not load the user");
        Refusal::Unavailable
    })?;
    socket.extensions.insert(Identity {
        user: caller.user.0,
        session: caller.session.0,
        name: me.name,
    });
    Ok(())
}

/// The identity the handshake stored; every connected socket has one.
pub(crate) fn identity(socket: &SocketRef) -> Option<Identity> {
    socket.extensions.get::<Identity>()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;
    use socketioxide_core::parser::Parse;
    use socketioxide_parser_common::CommonParser;

    use super::*;
    use crate::payloads::arbitrary::json as any_json;

    /// Decodes a handshake's `auth` as socketioxide does for `TryData<HandshakeAuth>`.
    fn auth(text: Option<String>) -> Result<HandshakeAuth, socketioxide::ParserError> {
        let value = text.map(|text| socketioxide_core::Value::Str(text.into(), None));
        CommonParser.decode_default(value.as_ref())
    }

    #[test]
    fn no_auth_is_no_token() {
        assert!(auth(None).unwrap().token.is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any `auth`, JSON or not, is read or refused (and then asked for), never a panic.
        #[test]
        fn any_auth_is_read_or_refused(
            text in prop_oneof![any_json().prop_map(|v| v.to_string()), any::<String>()],
        ) {
            let _ = auth(Some(text));
        }

        /// The token a client sends is the token read, beside anything else it sends.
        #[test]
        fn a_token_round_trips(token in any::<String>(), extra in any_json()) {
            let read = auth(Some(json!({ "token": token, "extra": extra }).to_string())).unwrap();
            prop_assert_eq!(read.token, Some(token));
        }
    }
}
