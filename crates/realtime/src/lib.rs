//! FluxStudio's Socket.IO server (socketioxide), served at `/api/socket.io` (and at
//! `/socket.io` for proxies that strip `/api`). The event catalogue is docs/REALTIME.md.
//!
//! - `/messaging`: a socket joins the rooms of every conversation its person belongs to;
//!   messages, edits, reactions, reads, typing and presence flow there; a reconnecting
//!   client catches up by sequence number.
//! - `/` and `/projects`: a socket joins a project's room to watch its board; task,
//!   milestone, comment and activity events flow there, with who is looking.
//! - `/notifications`: a person's own room: new notifications and the unread count.
//!
//! Every namespace authenticates the handshake's `auth.token`. Rooms are joined only
//! after a permission check, and left at once when access goes (see `delivery`).
#![forbid(unsafe_code)]

mod beats;
mod boards;
mod budget;
mod context;
mod delivery;
mod handshake;
mod messaging_ns;
mod notifications_ns;
mod payloads;
mod presence;
mod projects_ns;
mod reply;
mod rooms;
mod sockets;
mod throttle;

use std::time::Duration;

use fluxstudio_accounts::Accounts;
use fluxstudio_cluster::{Channels, Redis};
use fluxstudio_messaging::Messaging;
use fluxstudio_workspace::Workspace;
use socketioxide::handler::ConnectHandler;
use socketioxide_redis::{RedisAdapterConfig, RedisAdapterCtr};

pub use sockets::{Adapter, Layer, SocketIo};
pub use throttle::EventRate;

use context::Context;

/// Where the Socket.IO transport answers; [`ALIAS_PATH`] is rewritten to it.
pub const PATH: &str = "/api/socket.io";
/// The path a proxy that strips `/api` forwards.
pub const ALIAS_PATH: &str = "/socket.io";

/// The Engine.IO settings the seed deployment showed (`pingInterval` 25000,
/// `pingTimeout` 20000, `maxPayload` 1000000).
const PING_INTERVAL: Duration = Duration::from_secs(25);
const PING_TIMEOUT: Duration = Duration::from_secs(20);
const MAX_PAYLOAD: u64 = 1_000_000;
/// Packets queued for one socket before further emits to it fail: room for a burst of
/// messages to a slow client, which catches up by sequence number if it still misses any.
const MAX_BUFFER: usize = 4_096;

/// The services the real-time layer delivers for.
pub struct Services {
    pub accounts: Accounts,
    pub workspace: Workspace,
    pub messaging: Messaging,
}

/// The prefix of the adapter's Redis channels.
const CHANNEL_PREFIX: &str = "fluxstudio-socket.io";

/// Builds the Socket.IO layer, registers the namespaces and starts delivering the event
/// bus. With `cluster` (`REDIS_URL`), rooms and presence span every instance, and each
/// namespace is subscribed to its adapter channels before this returns.
/// `connect_timeout`: how long a transport may stay open without joining a namespace (an
/// unauthenticated one is closed then; socketioxide's default is 45 s).
pub async fn layer(
    services: Services,
    rate: EventRate,
    connect_timeout: std::time::Duration,
    cluster: Option<(Redis, Channels)>,
) -> (Layer, SocketIo) {
    let bus = services.workspace.bus().clone();
    let (redis, channels) = match cluster {
        Some((redis, channels)) => (Some(redis), channels),
        None => (None, Channels::alone()),
    };
    let context = Context::new(services, rate, redis);
    let adapter = RedisAdapterCtr::new_with_driver(
        channels,
        RedisAdapterConfig::new().with_prefix(CHANNEL_PREFIX),
    );
    let (layer, io) = socketioxide::SocketIo::builder()
        .with_adapter::<Adapter>(adapter)
        .req_path(PATH)
        .ping_interval(PING_INTERVAL)
        .ping_timeout(PING_TIMEOUT)
        .max_payload(MAX_PAYLOAD)
        .max_buffer_size(MAX_BUFFER)
        .connect_timeout(connect_timeout)
        .with_state(context.clone())
        .build_layer();
    // Middlewares run last-added first: authenticate, then prepare (rooms and handlers),
    // then the client is told it is connected, then `on_connect`.
    let messaging = io.ns(
        rooms::MESSAGING,
        messaging_ns::on_connect
            .with(messaging_ns::prepare)
            .with(handshake::authenticate),
    );
    subscribed(rooms::MESSAGING, messaging).await;
    for path in rooms::PROJECTS {
        let projects = io.ns(
            path,
            projects_ns::on_connect
                .with(projects_ns::prepare)
                .with(handshake::authenticate),
        );
        subscribed(path, projects).await;
    }
    let notifications = io.ns(
        rooms::NOTIFICATIONS,
        notifications_ns::on_connect
            .with(notifications_ns::prepare)
            .with(handshake::authenticate),
    );
    subscribed(rooms::NOTIFICATIONS, notifications).await;
    tokio::spawn(beats::keep_beating(io.clone(), context.clone()));
    tokio::spawn(delivery::run(io.clone(), context, bus.subscribe()));
    (layer, io)
}

/// Waits for a namespace's adapter to subscribe to its channels. The channels never refuse
/// (while Redis is down they subscribe when it is back), so a failure here is logged only.
async fn subscribed<D: socketioxide_redis::drivers::Driver>(
    namespace: &str,
    init: socketioxide_redis::InitRes<D>,
) {
    if let Err(error) = init.await {
        tracing::error!(%error, namespace, "the Socket.IO adapter did not start");
    }
}

/// `/socket.io/…` → `/api/socket.io/…`: one server behind both paths, so rooms and
/// sessions are shared whichever a client uses.
pub fn alias_path<B>(mut request: http::Request<B>) -> http::Request<B> {
    let path = request.uri().path();
    let is_alias = path
        .strip_prefix(ALIAS_PATH)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    if is_alias {
        let rest = &path[ALIAS_PATH.len()..];
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        if let Ok(uri) = format!("{PATH}{rest}{query}").parse() {
            *request.uri_mut() = uri;
        }
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(uri: &str) -> String {
        let request = http::Request::builder().uri(uri).body(()).unwrap();
        alias_path(request).uri().to_string()
    }

    #[test]
    fn the_alias_path_reaches_the_same_server() {
        assert_eq!(
            rewritten("/socket.io/?EIO=4&transport=polling"),
            "/api/socket.io/?EIO=4&transport=polling"
        );
        assert_eq!(rewritten("/api/socket.io/?EIO=4"), "/api/socket.io/?EIO=4");
        assert_eq!(rewritten("/socket.iox/"), "/socket.iox/");
        assert_eq!(rewritten("/api/health"), "/api/health");
    }
}
