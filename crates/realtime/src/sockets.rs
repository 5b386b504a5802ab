//! The Socket.IO types with FluxStudio's adapter: socketioxide's Redis adapter over the
//! cluster's channels. With `REDIS_URL` an emit to a room on one instance reaches the
//! room's sockets on every instance (and a room's sockets can be made to leave it
//! everywhere); without, [`Channels::alone`](fluxstudio_cluster::Channels::alone) keeps
//! everything on this one.
//!
//! What the adapter does not share, each instance does for itself from the event bus's
//! relay: `ns.to(room).sockets()` is this instance's sockets only.

use fluxstudio_cluster::Channels;

/// The adapter every namespace runs on.
pub type Adapter = socketioxide_redis::CustomRedisAdapter<socketioxide::adapter::Emitter, Channels>;

/// The tower layer that serves Socket.IO.
pub type Layer = socketioxide::layer::SocketIoLayer<Adapter>;
pub type SocketIo = socketioxide::SocketIo<Adapter>;
pub type SocketRef = socketioxide::extract::SocketRef<Adapter>;
pub type AckSender = socketioxide::extract::AckSender<Adapter>;
pub type BroadcastOperators = socketioxide::operators::BroadcastOperators<Adapter>;
