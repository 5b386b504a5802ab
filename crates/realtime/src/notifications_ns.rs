//! The `/notifications` namespace: a person's own room. On connect the socket hears the
//! unread count, so a bell is right from the start.

use fluxstudio_store::DbId;
use serde_json::json;
use socketioxide::extract::State;

use crate::sockets::SocketRef;
use crate::{
    context::Context,
    handshake::{Refusal, identity},
    rooms,
};

/// Runs before the client hears it is connected: the socket is in its person's room before
/// anything can be sent to it.
pub(crate) async fn prepare(socket: SocketRef) -> Result<(), Refusal> {
    let me = identity(&socket).ok_or(Refusal::Invalid)?;
    socket.join(rooms::user(me.user));
    Ok(())
}

/// Connected: the unread count, so a bell is right from the start.
pub(crate) async fn on_connect(socket: SocketRef, State(context): State<Context>) {
    let Some(me) = identity(&socket) else {
        return;
    };
    match context
        .workspace
        .notifications(DbId(me.user), true, None, 1)
        .await
    {
        Ok((_, unread)) => {
            if let Err(error) = socket.emit("notification:count", &json!({ "unreadCount": unread }))
            {
                tracing::debug!(%error, "the unread count could not be sent");
            }
        }
        Err(error) => tracing::warn!(%error, "could not count a socket's unread notifications"),
    }
}
