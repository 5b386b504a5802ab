//! A consistent copy of the SQLite database, taken while the server runs: `VACUUM INTO`
//! reads one snapshot (the WAL lets the server go on writing meanwhile) and writes it as a
//! compact database file of its own. PostgreSQL has `pg_dump` for this.

use std::path::Path;

use sqlx::{
    Connection,
    sqlite::{SqliteConnectOptions, SqliteConnection},
};

use crate::{Db, StoreError};

/// Writes a copy of the SQLite database `db` to the file `to`, which must not exist (SQLite
/// refuses to write over a file that is not empty). `None` when `db` is not SQLite.
pub async fn sqlite_copy(db: &Db, to: &Path) -> Option<Result<(), StoreError>> {
    let Db::Sqlite(sqlite) = db else {
        return None;
    };
    let to = to.to_string_lossy().into_owned();
    // A reader connection: the copy holds a read transaction, never the write lock.
    let done = sqlx::query("VACUUM INTO ?")
        .bind(to)
        .execute(&sqlite.reader)
        .await;
    Some(done.map(|_| ()).map_err(StoreError::from))
}

/// What SQLite's own check says of the database file `path`, opened read-only: `["ok"]`
/// when it is whole, else the problems it found.
pub async fn sqlite_integrity(path: &Path) -> Result<Vec<String>, StoreError> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let found = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    Ok(found)
}
