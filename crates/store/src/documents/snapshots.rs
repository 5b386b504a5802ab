//! A document's history: its whole content as it was after a given update, named by
//! someone or taken automatically.

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

/// A snapshot without its content, as the history lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SnapshotRow {
    pub id: DbId,
    pub document_id: DbId,
    pub name: String,
    pub automatic: bool,
    pub upto_seq: i64,
    pub created_by: Option<DbId>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "s.id, s.document_id, s.name, s.automatic, s.upto_seq, s.created_by, \
     u.name AS created_by_name, s.created_at";
const FROM: &str = "FROM document_snapshots s LEFT JOIN users u ON u.id = s.created_by";

pub struct NewSnapshot<'a> {
    pub document: DbId,
    pub name: &'a str,
    pub automatic: bool,
    /// The whole content (a Yjs v1 update) after update `upto_seq`.
    pub state: &'a [u8],
    pub upto_seq: i64,
    pub author: Option<DbId>,
}

pub async fn insert(
    db: &Db,
    new: &NewSnapshot<'_>,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO document_snapshots (id, document_id, name, automatic, state, \
         upto_seq, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    let id = DbId::new();
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(new.document)
        .bind(new.name)
        .bind(new.automatic)
        .bind(new.state)
        .bind(new.upto_seq)
        .bind(new.author)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

pub async fn get(db: &Db, id: DbId) -> Result<Option<SnapshotRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} {FROM} WHERE s.id = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A snapshot's content.
pub async fn state(db: &Db, id: DbId) -> Result<Option<Vec<u8>>, StoreError> {
    const SQL: &str = "SELECT state FROM document_snapshots WHERE id = $1";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A page of a document's history, newest first; `before` is the last of the previous page.
pub async fn page(
    db: &Db,
    document: DbId,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<SnapshotRow>, StoreError> {
    let cursor = if before.is_some() {
        " AND s.id < $2"
    } else {
        ""
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE s.document_id = $1{cursor} ORDER BY s.id DESC LIMIT $3"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(document)
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// Documents changed since their newest automatic snapshot (or never snapshotted).
pub async fn changed_since_automatic(db: &Db, limit: i64) -> Result<Vec<DbId>, StoreError> {
    const SQL: &str = "SELECT d.id FROM documents d WHERE d.last_seq > COALESCE((SELECT \
         MAX(s.upto_seq) FROM document_snapshots s WHERE s.document_id = d.id AND s.automatic), 0) \
         ORDER BY d.updated_at LIMIT $1";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}
