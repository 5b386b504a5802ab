//! Every namespace's connect middleware: the access token from the handshake's
//! `auth.token`, checked like a bearer token (signature, expiry, live session). A refusal
//! reaches the client as `connect_error` with the message below.

use fluxstudio_accounts::AccountError;
use serde::Deserialize;
use socketioxide::extract::{SocketRef, State, TryData};
use uuid::Uuid;

use crate::context::Context;

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
