//! The board namespace (`/` and `/projects`): watching a project live.

use fluxstudio_domain::permissions::ProjectAction;
use fluxstudio_store::DbId;
use serde_json::{Value, json};
use socketioxide::{
    extract::{AckSender, SocketRef, State, TryData},
    socket::DisconnectReason,
};
use uuid::Uuid;

use crate::{boards::Viewer, context::Context, handshake::identity, payloads, reply, rooms};

pub(crate) async fn on_connect(socket: SocketRef) {
    // Its person's room, so an access change finds their sockets without a scan.
    if let Some(me) = identity(&socket) {
        socket.join(rooms::user(me.user));
    }
    socket.on("project:join", join);
    socket.on("project:leave", leave);
    socket.on_disconnect(on_disconnect);
}

/// Joins a project's room after checking the person may view the project; everyone
/// there hears who is looking.
async fn join(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ProjectRef>,
    ack: AckSender,
) {
    let result: Result<Value, Value> = async {
        let me = identity(&socket).ok_or_else(|| reply::error("unauthorized", "Reconnect."))?;
        let data = data.map_err(|e| reply::malformed("project:join", e))?;
        context
            .throttle
            .take(me.user, std::time::Instant::now())
            .map_err(|_| reply::error("rate_limited", "Too many events; slow down."))?;
        context
            .workspace
            .project_for(
                DbId(me.user),
                DbId(data.project_id),
                ProjectAction::View,
                "",
            )
            .await
            .map_err(reply::from_workspace)?;
        socket.join(rooms::project(data.project_id));
        let viewers = context.boards.enter(
            data.project_id,
            socket.id,
            Viewer {
                user_id: me.user,
                name: me.name,
            },
        );
        announce_viewers(&socket, data.project_id, &viewers).await;
        Ok(json!({ "projectId": data.project_id, "viewers": viewers }))
    }
    .await;
    reply::send(ack, result);
}

async fn leave(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ProjectRef>,
    ack: AckSender,
) {
    let result = match data {
        Ok(data) => {
            leave_board(&socket, &context, data.project_id).await;
            Ok(json!({ "projectId": data.project_id }))
        }
        Err(e) => Err(reply::malformed("project:leave", e)),
    };
    reply::send(ack, result);
}

async fn on_disconnect(socket: SocketRef, State(context): State<Context>, _: DisconnectReason) {
    for project in context.boards.of_socket(socket.id) {
        leave_board(&socket, &context, project).await;
    }
}

/// Takes a socket off a board and its room; the others hear who is still looking.
pub(crate) async fn leave_board(socket: &SocketRef, context: &Context, project: Uuid) {
    socket.leave(rooms::project(project));
    if let Some(viewers) = context.boards.leave(project, socket.id) {
        announce_viewers(socket, project, &viewers).await;
    }
}

async fn announce_viewers(socket: &SocketRef, project: Uuid, viewers: &[Viewer]) {
    let payload = json!({ "projectId": project, "viewers": viewers });
    if let Err(error) = socket
        .within(rooms::project(project))
        .emit("presence:update", &payload)
        .await
    {
        tracing::debug!(%error, "board presence could not be announced");
    }
}
