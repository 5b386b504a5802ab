//! Comments on tasks, with the people they mention. Deleting leaves a tombstone, so a
//! thread keeps its shape.

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: DbId,
    pub task_id: DbId,
    pub author_id: Option<DbId>,
    pub author_name: Option<String>,
    pub body: String,
    pub mentions: sqlx::types::Json<Vec<uuid::Uuid>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT c.id, c.task_id, c.author_id, u.name AS author_name, c.body, \
     c.mentions, c.created_at, c.updated_at, c.deleted_at FROM task_comments c \
     LEFT JOIN users u ON u.id = c.author_id";

pub async fn insert(
    db: &Db,
    task: DbId,
    author: DbId,
    body: &str,
    mentions: &[uuid::Uuid],
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO task_comments (id, task_id, author_id, body, mentions, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    let id = DbId::new();
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(task)
        .bind(author)
        .bind(body)
        .bind(sqlx::types::Json(mentions))
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// A task's comments, oldest first; `after` is the previous page's last id.
pub async fn page(
    db: &Db,
    task: DbId,
    after: Option<DbId>,
    limit: i64,
) -> Result<Vec<CommentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE c.task_id = $1 AND ($2 IS NULL OR c.id > $2) ORDER BY c.id LIMIT $3"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(task)
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

pub async fn by_id(db: &Db, task: DbId, id: DbId) -> Result<Option<CommentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1 AND c.task_id = $2"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(task)
        .fetch_optional(pool)
        .await)?)
}

/// Edits a live comment of `task` (the caller checked authorship).
pub async fn edit(
    db: &Db,
    task: DbId,
    id: DbId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE task_comments SET body = $2, updated_at = $3 \
         WHERE id = $1 AND task_id = $4 AND deleted_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(body)
        .bind(now)
        .bind(task)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Empties a comment of `task` and marks it deleted; the row stays as a tombstone.
pub async fn tombstone(
    db: &Db,
    task: DbId,
    id: DbId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE task_comments SET body = '', deleted_at = $2 \
         WHERE id = $1 AND task_id = $3 AND deleted_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(now)
        .bind(task)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
