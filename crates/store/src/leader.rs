//! Which instance does the cluster's background work (compaction, automatic versions,
//! housekeeping, the file sweep): the one that holds a PostgreSQL advisory lock, on a
//! connection of its own kept for as long as it leads. When that instance stops or dies,
//! PostgreSQL sees its connection close and lets the lock go, and another takes it. With
//! SQLite there is one instance, which always leads.

use sqlx::{Connection, PgConnection};

use crate::{Db, StoreError};

/// Held while this instance leads: dropping it (or losing its connection) lets go.
pub struct Leadership {
    connection: Option<PgConnection>,
}

impl Leadership {
    /// Whether this instance still leads: its lock's connection still answers. Once it has
    /// not, it never leads again through this value.
    pub async fn held(&mut self) -> bool {
        let Some(connection) = &mut self.connection else {
            return true; // SQLite
        };
        if connection.ping().await.is_ok() {
            return true;
        }
        self.connection = None;
        false
    }
}

impl std::fmt::Debug for Leadership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leadership").finish_non_exhaustive()
    }
}

/// Leads when no other instance of the deployment named by `key` does; `None` while another
/// holds the lock. (Deployments that share a database, as the end-to-end tests' servers do,
/// each lead their own.)
pub async fn try_lead(db: &Db, key: i64) -> Result<Option<Leadership>, StoreError> {
    let pool = match db {
        Db::Sqlite(_) => return Ok(Some(Leadership { connection: None })),
        Db::Postgres(pool) => pool,
    };
    // Out of the pool: the lock lives as long as this connection, which nothing else uses.
    let mut connection = pool.acquire().await?.detach();
    let taken: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(key)
        .fetch_one(&mut connection)
        .await?;
    Ok(taken.then_some(Leadership {
        connection: Some(connection),
    }))
}
