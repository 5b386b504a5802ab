//! Delivers the event bus to sockets, in the order events were published, and enforces
//! access changes: when someone loses access, their sockets leave the rooms at once.

use fluxstudio_accounts::AccountError;
use fluxstudio_domain::permissions::ProjectAction;
use fluxstudio_events::{Audience, Event};
use fluxstudio_store::DbId;
use tokio::sync::broadcast::{Receiver, error::RecvError};
use uuid::Uuid;

use crate::sockets::{SocketIo, SocketRef};
use crate::{context::Context, handshake::identity, projects_ns::leave_board, rooms};

pub(crate) async fn run(io: SocketIo, context: Context, mut events: Receiver<Event>) {
    loop {
        match events.recv().await {
            Ok(event) => deliver(&io, &context, event).await,
            Err(RecvError::Lagged(missed)) => {
                // Clients recover: messages by sequence number, the rest by refetching.
                tracing::warn!(missed, "live delivery fell behind; events were skipped");
            }
            Err(RecvError::Closed) => return,
        }
    }
}

async fn deliver(io: &SocketIo, context: &Context, event: Event) {
    match event {
        Event::Emit {
            audience,
            name,
            payload,
        } => {
            for (namespace, room) in targets(audience) {
                if let Some(ns) = io.of(namespace)
                    && let Err(error) = ns.to(room).emit(name, &payload).await
                {
                    tracing::debug!(%error, name, "a live event reached not every socket");
                }
            }
        }
        Event::AccessChanged { user } => recheck(io, context, user).await,
        Event::SessionsChanged { user } => disconnect_ended(io, context, user).await,
        Event::Closed { audience } => {
            for (namespace, room) in targets(audience) {
                if let Some(ns) = io.of(namespace) {
                    let _ = ns.to(room.clone()).leave(room).await;
                }
            }
        }
    }
}

/// The namespaces and room an audience is reached at.
fn targets(audience: Audience) -> Vec<(&'static str, String)> {
    match audience {
        Audience::Conversation(id) => vec![(rooms::MESSAGING, rooms::conversation(id))],
        Audience::Project(id) => rooms::PROJECTS
            .iter()
            .map(|ns| (*ns, rooms::project(id)))
            .collect(),
        Audience::User(id) => vec![(rooms::NOTIFICATIONS, rooms::user(id))],
    }
}

/// Brings `user`'s sockets in line with what they may see now: conversation rooms left
/// and joined to match their conversations, project rooms left where the project is no
/// longer theirs to view.
async fn recheck(io: &SocketIo, context: &Context, user: Uuid) {
    if let Some(ns) = io.of(rooms::MESSAGING) {
        let sockets = ns.to(rooms::user(user)).sockets();
        if !sockets.is_empty() {
            match context.messaging.conversation_ids(DbId(user)).await {
                Ok(ids) => {
                    let allowed: Vec<String> =
                        ids.iter().map(|id| rooms::conversation(id.0)).collect();
                    for socket in &sockets {
                        align_conversations(socket, &allowed);
                    }
                }
                Err(error) => tracing::warn!(%error, "could not recheck conversation rooms"),
            }
        }
    }
    for namespace in rooms::PROJECTS {
        let Some(ns) = io.of(namespace) else { continue };
        for socket in ns.to(rooms::user(user)).sockets() {
            for project in context.boards.of_socket(socket.id).await {
                let allowed = context
                    .workspace
                    .project_for(DbId(user), DbId(project), ProjectAction::View, "")
                    .await
                    .is_ok();
                if !allowed {
                    leave_board(io, &socket, context, project).await;
                }
            }
        }
    }
}

/// Disconnects `user`'s sockets whose session has ended: signing out (or being signed
/// out) ends live delivery too, not only REST access.
async fn disconnect_ended(io: &SocketIo, context: &Context, user: Uuid) {
    for namespace in rooms::ALL {
        let Some(ns) = io.of(namespace) else { continue };
        for socket in ns.to(rooms::user(user)).sockets() {
            let Some(me) = identity(&socket) else {
                continue;
            };
            match context
                .accounts
                .caller(DbId(me.session), DbId(me.user))
                .await
            {
                Ok(_) => {}
                Err(AccountError::SessionEnded | AccountError::Disabled) => {
                    let _ = socket.disconnect();
                }
                Err(error) => tracing::warn!(%error, "could not recheck a socket's session"),
            }
        }
    }
}

fn align_conversations(socket: &SocketRef, allowed: &[String]) {
    let current: Vec<String> = socket
        .rooms()
        .into_iter()
        .map(|room| room.to_string())
        .filter(|room| rooms::conversation_of(room).is_some())
        .collect();
    let gone: Vec<String> = current
        .iter()
        .filter(|room| !allowed.contains(room))
        .cloned()
        .collect();
    let new: Vec<String> = allowed
        .iter()
        .filter(|room| !current.contains(room))
        .cloned()
        .collect();
    if !gone.is_empty() {
        socket.leave(gone);
    }
    if !new.is_empty() {
        socket.join(new);
    }
}
