//! The rows behind accounts: users, sessions and their refresh tokens, single-use email
//! links, two-factor secrets and recovery codes, and the security event log.

pub mod email_tokens;
pub mod security_events;
pub mod sessions;
pub mod two_factor;
pub mod users;

/// Refuses a write that hit a unique index (an email already taken, say) as
/// [`StoreError::Duplicate`](crate::StoreError::Duplicate), so callers can answer 409.
pub(crate) fn duplicate_or(error: sqlx::Error) -> crate::StoreError {
    match error.as_database_error() {
        Some(db) if db.is_unique_violation() => crate::StoreError::Duplicate,
        _ => crate::StoreError::Database(error),
    }
}
