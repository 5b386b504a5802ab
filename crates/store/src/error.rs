//! What can go wrong below the API. "Not found" is its own variant, never an error string.

/// An error from the store. Its messages never contain the database password.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {url} is unreachable: {source}")]
    Unreachable {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot create the database folder {path}: {source}")]
    CreateFolder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("not found")]
    NotFound,
    /// A unique index refused the write (an email already taken, say).
    #[error("already exists")]
    Duplicate,
    #[error(transparent)]
    Migration(#[from] crate::migrate::MigrationError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
