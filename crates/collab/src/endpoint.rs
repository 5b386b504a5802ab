//! The collaboration service's HTTP face: `GET /collab/{documentId}?token=` upgrades to a
//! y-websocket connection, `GET /collab/health` reports on it. The upgrade is always
//! accepted, so a refusal reaches the client as a close code it understands rather than an
//! HTTP error it would retry forever.

use std::time::Instant;

use axum::{
    Json, Router,
    extract::{Path, Query, State, WebSocketUpgrade, ws::WebSocket},
    response::Response,
    routing::get,
};
use fluxstudio_store::DbId;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::{close::Refusal, hub::Hub, session, watch::Watch};

/// What the endpoint needs.
#[derive(Clone)]
pub struct Collab {
    watch: Watch,
    hub: Hub,
    started: Instant,
    /// The port the process listens on, reported by the health check.
    port: u16,
}

impl Collab {
    pub fn new(watch: Watch, hub: Hub, port: u16) -> Self {
        Self {
            watch,
            hub,
            started: Instant::now(),
            port,
        }
    }
}

pub fn routes<S: Clone + Send + Sync + 'static>(collab: Collab) -> Router<S> {
    Router::new()
        .route("/collab/health", get(health))
        .route("/collab/{document}", get(connect))
        .with_state(collab)
}

#[derive(Deserialize)]
struct Token {
    token: Option<String>,
}

/// Each connection's read and write buffer.
const IO_BUFFER_BYTES: usize = 16 << 10;

async fn connect(
    State(collab): State<Collab>,
    Path(document): Path<String>,
    Query(query): Query<Token>,
    upgrade: WebSocketUpgrade,
) -> Response {
    // The transport accepts more than the limit so an oversized frame gets a clear close
    // from the session rather than a dropped connection.
    let limit = collab.hub.limits().max_frame_bytes;
    upgrade
        // Most frames are a keystroke or a cursor: small buffers keep an open document
        // cheap (the defaults are 128 KiB each way); a larger frame grows them.
        .read_buffer_size(IO_BUFFER_BYTES)
        .write_buffer_size(IO_BUFFER_BYTES)
        .max_message_size(limit * 4)
        .max_frame_size(limit * 4)
        .on_upgrade(move |socket| open(socket, collab, document, query.token))
}

async fn open(socket: WebSocket, collab: Collab, document: String, token: Option<String>) {
    let admitted = async {
        // Only the canonical spelling names a document, as in the API's paths.
        let document = document
            .parse::<uuid::Uuid>()
            .ok()
            .filter(|id| id.hyphenated().to_string() == document)
            .map(DbId)
            .ok_or(Refusal::NotFound)?;
        let grant = collab
            .watch
            .gate()
            .admit(token.as_deref(), document)
            .await?;
        let watching = collab.watch.enter(grant);
        let joined = collab.hub.join(document).await?;
        Ok::<_, Refusal>((watching, joined))
    }
    .await;
    match admitted {
        Ok((watching, joined)) => {
            session::run(socket, collab.hub.clone(), watching, joined).await;
        }
        Err(refusal) => {
            let (sink, stream) = socket.split();
            session::close(sink, stream, refusal).await;
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Health {
    status: &'static str,
    service: &'static str,
    port: u16,
    /// Seconds since the service started.
    uptime: u64,
    connections: usize,
    active_rooms: usize,
}

async fn health(State(collab): State<Collab>) -> Json<Health> {
    let (connections, active_rooms) = collab.hub.stats();
    Json(Health {
        status: "healthy",
        service: "collaboration-server",
        port: collab.port,
        uptime: collab.started.elapsed().as_secs(),
        connections,
        active_rooms,
    })
}
