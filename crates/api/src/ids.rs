//! Ids in paths: a malformed one names nothing, so it is answered like an unknown one.

use fluxstudio_store::DbId;
use uuid::Uuid;

use crate::ApiError;

/// The id in a path segment, or 404 naming what was looked for.
pub fn path_id(raw: &str, what: &str) -> Result<DbId, ApiError> {
    Uuid::parse_str(raw)
        .map(DbId)
        .map_err(|_| ApiError::not_found(format!("No such {what}.")))
}
