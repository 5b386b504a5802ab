//! One WebSocket connection to a document: the greeting, then the client's frames in,
//! the room's frames out. Frames that arrived together are handled together, so a fast
//! typist's updates are stored in one transaction. A writer is told what is stored (the
//! server's state vector) at most every [`SAVED_EVERY`], which the web app shows as "saved".

use std::{collections::HashSet, time::Duration};

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{FutureExt, SinkExt, StreamExt, stream::SplitSink};
use tokio::time::Instant;
use yrs::ClientID;

use crate::{
    close::Refusal,
    hub::{Hub, Joined, Relay},
    protocol::{self, Incoming},
    watch::Watching,
};

/// How often a writer hears that its changes are stored.
const SAVED_EVERY: Duration = Duration::from_millis(250);
/// Frames taken from the socket at once when more are waiting.
const BATCH: usize = 256;
/// How long to wait for a client to answer a close before dropping it.
const CLOSE_WAIT: Duration = Duration::from_secs(2);

type Sink = SplitSink<WebSocket, Message>;

/// Runs a connection until either side ends it, its standing ends (see [`crate::watch`])
/// or its token expires.
pub async fn run(socket: WebSocket, hub: Hub, mut watching: Watching, mut joined: Joined) {
    let (mut sink, mut stream) = socket.split();
    let mut clients: HashSet<ClientID> = HashSet::new();
    let expires = until(watching.grant().expires_at);
    let outcome = async {
        for frame in std::mem::take(&mut joined.greeting) {
            send(&mut sink, frame).await?;
        }
        let mut saved_due: Option<Instant> = None;
        loop {
            let saved_at = saved_due.unwrap_or_else(far_future);
            tokio::select! {
                incoming = stream.next() => {
                    let first = match incoming {
                        Some(Ok(frame)) => frame,
                        Some(Err(error)) => return transport_ended(&error),
                        None => return Ok(()),
                    };
                    let mut frames = vec![first];
                    // How the connection ends when it ends right behind these frames: they
                    // are handled first (an error here must not be dropped, or an oversized
                    // frame sent with others would end the connection without its 4413).
                    let mut ended = None;
                    while frames.len() < BATCH {
                        match stream.next().now_or_never() {
                            Some(Some(Ok(frame))) => frames.push(frame),
                            Some(Some(Err(error))) => {
                                ended = Some(transport_ended(&error));
                                break;
                            }
                            Some(None) => {
                                ended = Some(Ok(()));
                                break;
                            }
                            None => break,
                        }
                    }
                    let mut updates = Vec::new();
                    for frame in frames {
                        match frame {
                            Message::Binary(bytes) => {
                                if bytes.len() > hub.limits().max_frame_bytes {
                                    return Err(Refusal::TooLarge);
                                }
                                for message in protocol::decode(&bytes).map_err(|_| Refusal::Malformed)? {
                                    handle(&hub, &joined, &mut sink, &mut clients, &mut updates, message).await?;
                                }
                            }
                            Message::Close(_) => return Ok(()),
                            // Pings are answered by the WebSocket layer; text is not y-protocols.
                            Message::Text(_) => return Err(Refusal::Malformed),
                            _ => {}
                        }
                    }
                    if !updates.is_empty() {
                        if watching.can_write() {
                            hub.submit(&joined, updates).await?;
                            saved_due.get_or_insert_with(|| Instant::now() + SAVED_EVERY);
                        } else {
                            // A reader's change is never applied, stored or relayed.
                            tracing::debug!(document = ?joined.slot.document, "refused a reader's update");
                        }
                    }
                    if let Some(ended) = ended {
                        return ended;
                    }
                }
                relayed = joined.relay.recv() => match relayed {
                    Some(Relay::Frame(frame)) => {
                        sink.send(Message::Binary(frame)).await.map_err(|_| Refusal::Unavailable)?;
                    }
                    Some(Relay::Closed(why)) => return Err(why),
                    // The room dropped this connection: it fell too far behind.
                    None => return Err(Refusal::TooSlow),
                },
                refusal = watching.ended() => return Err(refusal),
                // The client reconnects with a fresh token (the web app refreshes it first).
                () = tokio::time::sleep_until(expires) => return Err(Refusal::TokenExpired),
                _ = tokio::time::sleep_until(saved_at), if saved_due.is_some() => {
                    saved_due = None;
                    if let Some(frame) = hub.state_vector(&joined).await {
                        send(&mut sink, frame).await?;
                    }
                }
            }
        }
    }
    .await;
    hub.leave(&joined, &clients).await;
    if let Err(refusal) = outcome {
        close(sink, stream, refusal).await;
    }
}

/// How a connection ends on an error of its transport. The transport refuses a frame over
/// four times the limit before reading it: the client is told why (4413) rather than just
/// dropped; anything else means the connection is gone.
fn transport_ended(error: &axum::Error) -> Result<(), Refusal> {
    if error.to_string().contains("Space limit exceeded") {
        Err(Refusal::TooLarge)
    } else {
        Ok(())
    }
}

/// One message from the client. Changes are collected in `updates` to be stored together.
async fn handle(
    hub: &Hub,
    joined: &Joined,
    sink: &mut Sink,
    clients: &mut HashSet<ClientID>,
    updates: &mut Vec<(yrs::Update, Vec<u8>)>,
    message: Incoming,
) -> Result<(), Refusal> {
    match message {
        Incoming::SyncStep1(sv) => {
            if let Some(frame) = hub.missing_for(joined, &sv).await {
                send(sink, frame).await?;
            }
        }
        Incoming::Update(update, bytes) => {
            if !update.is_empty() {
                updates.push((update, bytes));
            }
        }
        Incoming::Awareness(update, size) => {
            if size > hub.limits().max_awareness_bytes {
                return Err(Refusal::TooLarge);
            }
            clients.extend(hub.awareness(joined, update).await?);
        }
        Incoming::AwarenessQuery => {
            if let Some(frame) = hub.awareness_of_all(joined).await {
                send(sink, frame).await?;
            }
        }
        Incoming::Ignored => {}
    }
    Ok(())
}

async fn send(sink: &mut Sink, frame: Vec<u8>) -> Result<(), Refusal> {
    sink.send(Message::Binary(frame.into()))
        .await
        .map_err(|_| Refusal::Unavailable)
}

/// Closes with the refusal's code and reason, then waits briefly for the client's answer
/// so it sees a clean close (not 1006).
pub async fn close(
    mut sink: Sink,
    mut stream: futures_util::stream::SplitStream<WebSocket>,
    refusal: Refusal,
) {
    let frame = CloseFrame {
        code: refusal.code(),
        reason: refusal.reason().into(),
    };
    if sink.send(Message::Close(Some(frame))).await.is_err() {
        return;
    }
    let _ = tokio::time::timeout(CLOSE_WAIT, async {
        loop {
            match stream.next().await {
                Some(Ok(Message::Close(_))) => break,
                Some(Ok(_)) => {}
                // The transport ended or refused what the client was sending (a frame over
                // its limit, after which it reads no further). Dropping the socket now, with
                // the rest of that frame unread, would reset the connection, and a client
                // still busy sending could lose our close frame (seen as 1006): hold on for
                // the rest of the wait.
                Some(Err(_)) | None => std::future::pending::<()>().await,
            }
        }
    })
    .await;
}

/// The moment `at` on the monotonic clock (now, when it has passed).
fn until(at: chrono::DateTime<chrono::Utc>) -> Instant {
    Instant::now() + (at - chrono::Utc::now()).to_std().unwrap_or_default()
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(86_400)
}
