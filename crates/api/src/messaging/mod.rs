//! Messaging over HTTP: conversations, messages, reactions, reads, search. The same
//! service answers the Socket.IO events (crates/realtime), so both agree.

pub mod conversations;
pub mod files;
pub mod messages;
