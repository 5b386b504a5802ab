//! A refusal as every transport spells it: the HTTP status, the stable code, the sentence,
//! the field at fault. Each service error says its own (`WorkspaceError::refusal`,
//! `StoreError::refusal`); REST answers with it and a Socket.IO acknowledgement carries the
//! same code, message and field, so the two cannot drift.

use crate::Invalid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status REST answers with.
    pub status: u16,
    /// `{error}`: stable and machine-readable, such as `not_found`.
    pub code: &'static str,
    /// `{message}`: a sentence a person can act on.
    pub message: String,
    /// `{field}`: the request field at fault, as the client spelled it.
    pub field: Option<&'static str>,
}

/// What the client of a failure that is ours, not theirs, is told; the detail goes to the log.
pub const INTERNAL_MESSAGE: &str = "Something went wrong on our side. Try again; if it persists, give the administrator the X-Request-Id of this response.";

impl Refusal {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn on(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// A failure that is ours: 500 `internal_error`, its detail kept out of the answer.
    pub fn internal() -> Self {
        Self::new(500, "internal_error", INTERNAL_MESSAGE)
    }

    /// Whether the failure is ours (the caller logs its detail).
    pub fn is_internal(&self) -> bool {
        self.status >= 500 && self.code == "internal_error"
    }
}

impl From<Invalid> for Refusal {
    fn from(invalid: Invalid) -> Self {
        Self::new(422, "invalid", invalid.message).on(invalid.field)
    }
}
