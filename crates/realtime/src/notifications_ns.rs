//! The `/notifications` namespace: a person's own room. On connect the socket hears the
//! unread count, so a bell is right from the start.

use fluxstudio_store::DbId;
use serde_json::json;
use socketioxide::extract::{SocketRef, State};

use crate::{context::Context, handshake::identity, rooms};

pub(crate) async fn on_connect(socket: SocketRef, State(context): State<Context>) {
    let Some(me) = identity(&socket) else {
        return;
    };
    socket.join(rooms::user(me.user));
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
