//! What can go wrong below the API. "Not found" is its own variant, never an error string.

/// An error from the store. Its messages never contain the database password.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {url} is unreachable: {source}{hint}")]
    Unreachable {
        url: String,
        /// What the driver's words mean, when they need it (a certificate refused, say).
        hint: &'static str,
        #[source]
        source: sqlx::Error,
    },
    /// The CA certificate `sslrootcert` names cannot be read.
    #[error("sslrootcert {path} cannot be read: {source}")]
    TlsRootCert {
        path: String,
        #[source]
        source: std::io::Error,
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
    /// A unique index refused a write no caller expected to collide: answered 409, never
    /// 500, with the index's name for the log.
    #[error("a write collided with an existing row (unique index {0})")]
    Conflict(String),
    #[error(transparent)]
    Migration(#[from] crate::migrate::MigrationError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error.as_database_error() {
            Some(db) if db.is_unique_violation() => {
                Self::Conflict(db.constraint().unwrap_or("unnamed").to_owned())
            }
            _ => Self::Database(error),
        }
    }
}

impl StoreError {
    /// How a store failure is answered when no service turned it into its own refusal.
    pub fn refusal(&self) -> fluxstudio_domain::Refusal {
        use fluxstudio_domain::Refusal;
        match self {
            Self::NotFound => Refusal::new(404, "not_found", "Not found."),
            Self::Unreachable { .. } => Refusal::new(
                503,
                "unavailable",
                "The database is not answering. Try again shortly.",
            ),
            Self::Duplicate | Self::Conflict(_) => Refusal::new(
                409,
                "conflict",
                "This conflicts with something that already exists (made at the same moment, perhaps): reload and try again.",
            ),
            _ => Refusal::internal(),
        }
    }
}
