//! FluxStudio's persistence. One [`Db`] value holds either an embedded SQLite database or a
//! PostgreSQL pool; every query is written once, in a portable SQL subset, and the
//! [`read_with!`] / [`write_with!`] macros expand it for whichever backend is running.
//! Nothing outside this crate contains SQL.
#![forbid(unsafe_code)]

pub mod accounts;
pub mod backend;
pub mod backup;
pub mod db;
pub mod documents;
pub mod error;
pub mod files;
pub mod id;
pub mod integrity;
pub mod leader;
mod like;
pub mod messaging;
pub mod migrate;
pub mod review;
pub mod schema;
pub mod status;
pub mod task_files;
pub mod url;
pub mod workspace;

pub use backend::Backend;
pub use db::{Begin, Db, DbOptions};
pub use error::StoreError;
pub use id::DbId;
pub use url::DatabaseUrl;
