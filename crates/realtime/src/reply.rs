//! Acknowledgements: the result of a request event, or the same error envelope as REST
//! (`{error, message, field?}`).

use fluxstudio_workspace::WorkspaceError;
use serde::Serialize;
use serde_json::{Value, json};
use socketioxide::extract::AckSender;

/// An error as the client receives it.
pub(crate) fn error(code: &str, message: impl Into<String>) -> Value {
    json!({ "error": code, "message": message.into() })
}

pub(crate) fn from_workspace(error: WorkspaceError) -> Value {
    match error {
        WorkspaceError::Invalid(invalid) => {
            json!({ "error": "invalid", "message": invalid.message, "field": invalid.field })
        }
        WorkspaceError::NotFound(_) => self::error("not_found", error.to_string()),
        WorkspaceError::Forbidden(_) => self::error("forbidden", error.to_string()),
        other => {
            tracing::error!(error = %other, "a socket request failed");
            self::error(
                "internal_error",
                "Something went wrong on our side. Try again.",
            )
        }
    }
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
