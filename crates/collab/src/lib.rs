//! FluxStudio's collaboration service: rich-text documents edited together live, over the
//! standard y-websocket protocol (sync step 1 / step 2 / update and awareness, one message
//! per binary frame) with `yrs` on the server.
//!
//! - [`endpoint`]: `GET /collab/{documentId}?token=` and `GET /collab/health`.
//! - [`session`]: one connection; [`hub`]: the loaded documents and who is in them, where
//!   every change is stored before it is relayed; [`room`]: one loaded document;
//!   `peers`: what instances tell each other about the documents they have loaded.
//! - [`access`]: the token and the project's permissions (viewers read only);
//!   [`watch`]: every open connection's session and access, checked again while it lives.
//! - [`documents`]: the service behind the documents API: create, list, rename, delete,
//!   export ([`export`]), versions and restore ([`restore`]).
//! - [`maintenance`]: unloading idle documents, compaction, automatic versions.
#![forbid(unsafe_code)]

pub mod access;
pub mod close;
mod declared;
pub mod documents;
pub mod endpoint;
pub mod export;
pub mod hub;
pub mod limits;
pub mod maintenance;
mod peers;
pub mod protocol;
pub mod restore;
pub mod room;
pub mod session;
pub mod stored;
pub mod views;
pub mod watch;

pub use access::Gate;
pub use documents::Documents;
pub use endpoint::{Collab, routes};
pub use export::Format;
pub use hub::Hub;
pub use limits::Limits;
pub use views::{DocumentView, SnapshotView};
pub use watch::Watch;
