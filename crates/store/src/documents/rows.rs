//! Documents as the API lists them: a title in a project. Their content is in [`super::content`].

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: DbId,
    pub project_id: DbId,
    pub title: String,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, project_id, title, created_by, created_at, updated_at";

pub async fn insert(
    db: &Db,
    project: DbId,
    title: &str,
    author: DbId,
    now: DateTime<Utc>,
) -> Result<DocumentRow, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "INSERT INTO documents (id, project_id, title, state, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING {COLUMNS}"
    ));
    let empty: &[u8] = &[];
    Ok(write_with!(db, |pool| sqlx::query_as(sql)
        .bind(DbId::new())
        .bind(project)
        .bind(title)
        .bind(empty)
        .bind(author)
        .bind(now)
        .fetch_one(pool)
        .await)?)
}

pub async fn get(db: &Db, id: DbId) -> Result<Option<DocumentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM documents WHERE id = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A page of a project's documents, the most recently changed first; `after` is the last
/// document of the previous page.
pub async fn page(
    db: &Db,
    project: DbId,
    after: Option<DbId>,
    limit: i64,
) -> Result<Vec<DocumentRow>, StoreError> {
    let cursor = if after.is_some() {
        " AND (updated_at, id) < (SELECT updated_at, id FROM documents WHERE id = $2 AND project_id = $1)"
    } else {
        ""
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM documents WHERE project_id = $1{cursor} \
         ORDER BY updated_at DESC, id DESC LIMIT $3"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(project)
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

pub async fn rename(
    db: &Db,
    id: DbId,
    title: &str,
    now: DateTime<Utc>,
) -> Result<Option<DocumentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE documents SET title = $2, updated_at = $3 WHERE id = $1 RETURNING {COLUMNS}"
    ));
    Ok(write_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(title)
        .bind(now)
        .fetch_optional(pool)
        .await)?)
}

/// Deletes a document with its updates and history. Returns whether it was there.
pub async fn delete(db: &Db, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM documents WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
