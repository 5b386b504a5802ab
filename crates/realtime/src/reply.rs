//! Acknowledgements: the result of a request event, or the same error envelope as REST
//! (`{error, message, field?}`).

use crate::sockets::AckSender;
use fluxstudio_workspace::WorkspaceError;
use serde::Serialize;
use serde_json::{Value, json};

/// An error as the client receives it.
pub(crate) fn error(code: &str, message: impl Into<String>) -> Value {
    json!({ "error": code, "message": message.into() })
}

/// A service's refusal, spelled as REST spells it (`WorkspaceError::refusal`: one mapping
/// for both transports).
pub(crate) fn from_workspace(error: WorkspaceError) -> Value {
    let refusal = error.refusal();
    if refusal.is_internal() {
        tracing::error!(error = %error, "a socket request failed");
    }
    let mut answer = self::error(refusal.code, refusal.message);
    if let Some(field) = refusal.field {
        answer["field"] = field.into();
    }
    answer
}

/// The payload could not be read as the event's shape.
pub(crate) fn malformed(event: &str, detail: impl std::fmt::Display) -> Value {
    error(
        "malformed",
        format!("The payload of {event} is not what it takes: {detail}. See docs/REALTIME.md."),
    )
}

/// Sends the result or the error; a client that asked for no acknowledgement gets none.
pub(crate) fn send<T: Serialize>(ack: AckSender, result: Result<T, Value>) {
    let sent = match result {
        Ok(value) => ack.send(&value),
        Err(error) => ack.send(&error),
    };
    if let Err(error) = sent {
        tracing::debug!(%error, "an acknowledgement could not be sent");
    }
}
