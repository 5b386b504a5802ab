//! Messaging over REST (issue 5), on both backends: conversations, messages with their
//! sequence numbers, threads, reactions, reads, search, and every refusal. The live side
//! is tested with the official Socket.IO client in tests/e2e.

mod conversations;
mod messages;
mod search;
pub(crate) mod team;
mod transport;
