//! The board namespace (`/` and `/projects`): watching a project live.

use fluxstudio_domain::permissions::ProjectAction;
use fluxstudio_store::DbId;
use serde_json::{Value, json};
use socketioxide::{
    extract::{State, TryData},
    socket::DisconnectReason,
};
use uuid::Uuid;

use crate::sockets::{AckSender, SocketIo, SocketRef};
use crate::{
    boards::{Looking, Viewer},
    budget::admit,
    context::Context,
    handshake::{Refusal, identity},
    payloads, reply, rooms,
};

/// Runs before the client hears it is connected (a connect middleware), so the handlers
/// are there for its first event.
pub(crate) async fn prepare(socket: SocketRef) -> Result<(), Refusal> {
    let me = identity(&socket).ok_or(Refusal::Invalid)?;
    // Its person's room, so an access change finds their sockets without a scan.
    socket.join(rooms::user(me.user));
    socket.on("project:join", join);
    socket.on("project:leave", leave);
    socket.on_disconnect(on_disconnect);
    Ok(())
}

/// Joins a project's room after checking the person may view the project; everyone
/// there hears who is looking.
async fn join(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ProjectRef>,
    io: SocketIo,
    ack: AckSender,
) {
    let result: Result<Value, Value> = async {
        let me = admit(&socket, &context)?;
        let data = data.map_err(|e| reply::malformed("project:join", e))?;
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
        let viewer = Viewer {
            user_id: me.user,
            name: me.name,
        };
        let looking = context
            .boards
            .enter(data.project_id, socket.id, viewer)
            .await;
        announce_viewers(&io, data.project_id, &looking).await;
        Ok(viewers_payload(data.project_id, &looking))
    }
    .await;
    reply::send(ack, result);
}

async fn leave(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ProjectRef>,
    io: SocketIo,
    ack: AckSender,
) {
    let result = match data {
        Ok(data) => {
            leave_board(&io, &socket, &context, data.project_id).await;
            Ok(json!({ "projectId": data.project_id }))
        }
        Err(e) => Err(reply::malformed("project:leave", e)),
    };
    reply::send(ack, result);
}

async fn on_disconnect(
    socket: SocketRef,
    State(context): State<Context>,
    io: SocketIo,
    _: DisconnectReason,
) {
    for project in context.boards.of_socket(socket.id).await {
        leave_board(&io, &socket, &context, project).await;
    }
}

/// Takes a socket off a board and its room; the others hear who is still looking.
pub(crate) async fn leave_board(
    io: &SocketIo,
    socket: &SocketRef,
    context: &Context,
    project: Uuid,
) {
    socket.leave(rooms::project(project));
    if let Some(looking) = context.boards.leave(project, socket.id).await {
        announce_viewers(io, project, &looking).await;
    }
}

/// Tells a board's room who is looking now, after instances came back or died.
pub(crate) async fn announce_board(io: &SocketIo, context: &Context, project: Uuid) {
    if let Some(looking) = context.boards.look(project).await {
        announce_viewers(io, project, &looking).await;
    }
}

fn viewers_payload(project: Uuid, looking: &Looking) -> Value {
    json!({ "projectId": project, "version": looking.version, "viewers": looking.viewers })
}

/// Who is looking, to the board's room in both namespaces that serve boards (the list
/// counts the viewers of both).
async fn announce_viewers(io: &SocketIo, project: Uuid, looking: &Looking) {
    let payload = viewers_payload(project, looking);
    for namespace in rooms::PROJECTS {
        let Some(ns) = io.of(namespace) else { continue };
        if let Err(error) = ns
            .to(rooms::project(project))
            .emit("presence:update", &payload)
            .await
        {
            tracing::debug!(%error, "board presence could not be announced");
        }
    }
}

/// Connected: nothing to say until the client joins a board.
pub(crate) async fn on_connect() {}
