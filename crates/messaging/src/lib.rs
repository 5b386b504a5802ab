//! FluxStudio's messaging, independent of transport. REST handlers and Socket.IO events
//! call the same functions, so a message sent either way is stored, numbered, announced
//! and counted the same. Errors are the workspace's ([`WorkspaceError`]): the same refusals
//! with the same statuses.
#![forbid(unsafe_code)]

mod access;
mod attachments;
mod conversations;
mod messages;
mod order;
mod reads;
mod search;
mod service;
pub mod text;
mod views;

pub use access::Need;
pub use attachments::{ATTACHMENT_SOURCES, ATTACHMENTS_MAX, AttachmentView};
pub use conversations::{NewConversation, StateChange};
pub use fluxstudio_store::messaging::messages::{Direction, Strand};
pub use fluxstudio_workspace::WorkspaceError;
pub use messages::{Page, SendMessage};
pub use service::Messaging;
pub use views::{ConversationView, LastMessageView, MessageView, ParticipantView, ReactionView};
