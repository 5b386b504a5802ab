//! The `/messaging` namespace.

use fluxstudio_messaging::{Direction, SendMessage, Strand};
use fluxstudio_store::DbId;
use serde_json::{Value, json};
use socketioxide::{
    extract::{State, TryData},
    socket::DisconnectReason,
};
use uuid::Uuid;

use crate::sockets::{AckSender, BroadcastOperators, SocketIo, SocketRef};
use crate::{
    budget::admit,
    context::Context,
    handshake::{Refusal, identity},
    payloads, reply, rooms,
};

/// Messages one `conversation:sync` returns at most; the client asks again while
/// `hasMore`.
const SYNC_MAX: i64 = 1_000;
/// People one `presence:query` may ask about.
const PRESENCE_QUERY_MAX: usize = 500;

/// Runs before the client hears it is connected (a connect middleware), so the rooms are
/// joined and the handlers registered before its first event can arrive.
pub(crate) async fn prepare(
    socket: SocketRef,
    State(context): State<Context>,
) -> Result<(), Refusal> {
    let me = identity(&socket).ok_or(Refusal::Invalid)?;
    let ids = context
        .messaging
        .conversation_ids(DbId(me.user))
        .await
        .map_err(|error| {
            tracing::warn!(%error, "could not list a socket's conversations");
            Refusal::Unavailable
        })?;
    socket.join(rooms::user(me.user));
    socket.join(
        ids.iter()
            .map(|id| rooms::conversation(id.0))
            .collect::<Vec<_>>(),
    );
    socket.on("conversation:join", join);
    socket.on("conversation:leave", leave);
    socket.on("conversation:sync", sync);
    socket.on("conversation:read", read);
    socket.on("message:send", send);
    socket.on("message:edit", edit);
    socket.on("message:delete", delete);
    socket.on("message:react", react);
    socket.on("typing:start", typing_start);
    socket.on("typing:stop", typing_stop);
    socket.on("presence:query", presence_query);
    socket.on_disconnect(on_disconnect);
    Ok(())
}

/// Marks a socket counted in [`Presence`](crate::presence::Presence), so only counted
/// sockets are uncounted.
#[derive(Clone)]
struct Counted;

/// Connected: counts the socket, and announces its person online if it is their first.
pub(crate) async fn on_connect(socket: SocketRef, State(context): State<Context>) {
    let Some(me) = identity(&socket) else {
        return;
    };
    socket.extensions.insert(Counted);
    if context.presence.connect(me.user).await {
        let rooms = conversation_rooms(&context, me.user).await;
        if !rooms.is_empty() {
            announce(socket.to(rooms), me.user, true).await;
        }
    }
}

async fn on_disconnect(
    socket: SocketRef,
    State(context): State<Context>,
    io: SocketIo,
    _: DisconnectReason,
) {
    let Some(me) = identity(&socket) else {
        return;
    };
    if socket.extensions.remove::<Counted>().is_some() && context.presence.disconnect(me.user).await
    {
        announce_presence(&io, &context, me.user, false).await;
    }
}

/// Tells everyone sharing a conversation with `person` that they came online or left.
pub(crate) async fn announce_presence(
    io: &SocketIo,
    context: &Context,
    person: Uuid,
    online: bool,
) {
    let rooms = conversation_rooms(context, person).await;
    // (With no rooms named, a broadcast would reach the whole namespace.)
    if let Some(ns) = io.of(rooms::MESSAGING).filter(|_| !rooms.is_empty()) {
        announce(ns.to(rooms), person, online).await;
    }
}

/// The rooms of `person`'s conversations, read from the database rather than from a
/// socket: a closing connection may already have left its rooms when its disconnect
/// handler runs.
async fn conversation_rooms(context: &Context, person: Uuid) -> Vec<String> {
    match context.messaging.conversation_ids(DbId(person)).await {
        Ok(ids) => ids.iter().map(|id| rooms::conversation(id.0)).collect(),
        Err(error) => {
            tracing::warn!(%error, "could not list the conversations to announce presence to");
            Vec::new()
        }
    }
}

async fn announce(to: BroadcastOperators, person: Uuid, online: bool) {
    let payload = json!({ "userId": person, "online": online });
    if let Err(error) = to.emit("presence", &payload).await {
        tracing::debug!(%error, "presence could not be announced");
    }
}

/// Reads a payload, admits the caller, runs `work` and acknowledges its result.
macro_rules! request {
    ($event:literal, $socket:ident, $context:ident, $data:ident, $ack:ident, |$me:ident, $payload:ident| $work:expr) => {{
        let result: Result<Value, Value> = async {
            let $me = admit(&$socket, &$context)?;
            let $payload = $data.map_err(|e| reply::malformed($event, e))?;
            $work.map_err(reply::from_workspace)
        }
        .await;
        reply::send($ack, result);
    }};
}

async fn join(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ConversationRef>,
    ack: AckSender,
) {
    request!(
        "conversation:join",
        socket,
        context,
        data,
        ack,
        |me, data| {
            let id = DbId(data.conversation_id);
            async {
                let view = context.messaging.conversation(DbId(me.user), id).await?;
                socket.join(rooms::conversation(data.conversation_id));
                Ok(json!({ "conversationId": id.0, "lastSeq": view.last_seq }))
            }
            .await
        }
    );
}

async fn leave(
    socket: SocketRef,
    TryData(data): TryData<payloads::ConversationRef>,
    ack: AckSender,
) {
    let result = data
        .map(|data| {
            socket.leave(rooms::conversation(data.conversation_id));
            json!({ "conversationId": data.conversation_id })
        })
        .map_err(|e| reply::malformed("conversation:leave", e));
    reply::send(ack, result);
}

async fn sync(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::Sync>,
    ack: AckSender,
) {
    request!(
        "conversation:sync",
        socket,
        context,
        data,
        ack,
        |me, data| {
            let limit = data.limit.unwrap_or(SYNC_MAX).clamp(1, SYNC_MAX);
            context
                .messaging
                .history(
                    DbId(me.user),
                    DbId(data.conversation_id),
                    Strand::All,
                    Direction::After(data.after_seq.max(0)),
                    limit,
                )
                .await
                .map(|page| {
                    json!({
                        "conversationId": data.conversation_id,
                        "messages": page.messages,
                        "hasMore": page.has_more,
                        "lastSeq": page.last_seq,
                    })
                })
        }
    );
}

async fn read(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::Read>,
    ack: AckSender,
) {
    request!(
        "conversation:read",
        socket,
        context,
        data,
        ack,
        |me, data| {
            context
                .messaging
                .mark_read(DbId(me.user), DbId(data.conversation_id), data.seq)
                .await
                .map(|seq| json!({ "conversationId": data.conversation_id, "lastReadSeq": seq }))
        }
    );
}

async fn send(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::Send>,
    ack: AckSender,
) {
    request!("message:send", socket, context, data, ack, |me, data| {
        let message = SendMessage {
            body: data.body,
            parent: data.parent_id.map(DbId),
            mentions: data.mentions.into_iter().map(DbId).collect(),
            client_id: data.client_id,
            attachments: data.attachments.into_iter().map(DbId).collect(),
        };
        context
            .messaging
            .send(DbId(me.user), DbId(data.conversation_id), message)
            .await
            .map(|(message, created)| json!({ "message": message, "created": created }))
    });
}

async fn edit(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::Edit>,
    ack: AckSender,
) {
    request!("message:edit", socket, context, data, ack, |me, data| {
        let mentions = data.mentions.into_iter().map(DbId).collect();
        context
            .messaging
            .edit(DbId(me.user), DbId(data.message_id), &data.body, mentions)
            .await
            .map(|message| json!({ "message": message }))
    });
}

async fn delete(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::MessageRef>,
    ack: AckSender,
) {
    request!("message:delete", socket, context, data, ack, |me, data| {
        context
            .messaging
            .delete(DbId(me.user), DbId(data.message_id))
            .await
            .map(|message| json!({ "message": message }))
    });
}

async fn react(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::React>,
    ack: AckSender,
) {
    request!("message:react", socket, context, data, ack, |me, data| {
        context
            .messaging
            .react(DbId(me.user), DbId(data.message_id), &data.emoji, data.on)
            .await
            .map(|message| json!({ "message": message }))
    });
}

async fn typing_start(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ConversationRef>,
) {
    typing(socket, context, data, true).await;
}

async fn typing_stop(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::ConversationRef>,
) {
    typing(socket, context, data, false).await;
}

/// Relays typing to the others in a conversation the socket has joined (joining checked
/// access); nothing is stored. Clients let an indicator lapse after a few seconds, so a
/// lost `typing:stop` cannot leave one showing.
async fn typing(
    socket: SocketRef,
    context: Context,
    data: Result<payloads::ConversationRef, socketioxide::ParserError>,
    typing: bool,
) {
    let (Ok(me), Ok(data)) = (admit(&socket, &context), data) else {
        return;
    };
    let room = rooms::conversation(data.conversation_id);
    if !socket.rooms().iter().any(|r| *r == room) {
        return;
    }
    let payload = json!({
        "conversationId": data.conversation_id,
        "userId": me.user,
        "name": me.name,
        "typing": typing,
    });
    if let Err(error) = socket.to(room).emit("typing", &payload).await {
        tracing::debug!(%error, "typing could not be relayed");
    }
}

async fn presence_query(
    socket: SocketRef,
    State(context): State<Context>,
    TryData(data): TryData<payloads::PresenceQuery>,
    ack: AckSender,
) {
    let result = async {
        let me = admit(&socket, &context)?;
        let data = data.map_err(|e| reply::malformed("presence:query", e))?;
        if data.user_ids.len() > PRESENCE_QUERY_MAX {
            return Err(json!({
                "error": "invalid",
                "message": format!("Ask about at most {PRESENCE_QUERY_MAX} people at once."),
                "field": "userIds",
            }));
        }
        // Only people who share an organization or a conversation with the asker: a
        // stranger's comings and goings are not theirs to watch.
        let asked = context
            .messaging
            .in_touch(DbId(me.user), &data.user_ids)
            .await
            .map_err(reply::from_workspace)?;
        Ok(json!({ "online": context.presence.online(&asked).await }))
    }
    .await;
    reply::send(ack, result);
}
