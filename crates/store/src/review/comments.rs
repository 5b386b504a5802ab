//! Comments on a version of a file. A thread's first comment may be pinned (normalized to
//! [0, 1] of the image, a PDF's page from 1) and is what gets resolved; replies point at it.
//! Deleting leaves a tombstone, so a thread keeps its shape.

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

/// Where a thread is pinned: a point, or a rectangle from it when `size` is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pin {
    pub x: f64,
    pub y: f64,
    /// Width and height of a rectangle whose top-left corner is (`x`, `y`).
    pub size: Option<(f64, f64)>,
    /// A PDF's page, from 1.
    pub page: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewCommentRow {
    pub id: DbId,
    pub version_id: DbId,
    pub file_id: DbId,
    pub number: i64,
    pub parent_id: Option<DbId>,
    pub author_id: Option<DbId>,
    pub author_name: Option<String>,
    pub body: String,
    pub mentions: sqlx::types::Json<Vec<uuid::Uuid>>,
    pub pin_x: Option<f64>,
    pub pin_y: Option<f64>,
    pub pin_width: Option<f64>,
    pub pin_height: Option<f64>,
    pub pin_page: Option<i64>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl ReviewCommentRow {
    pub fn pin(&self) -> Option<Pin> {
        Some(Pin {
            x: self.pin_x?,
            y: self.pin_y?,
            size: self.pin_width.zip(self.pin_height),
            page: self.pin_page,
        })
    }
}

/// A comment to add to version `version`.
pub struct NewReviewComment<'a> {
    pub version: DbId,
    /// The thread's first comment, for a reply.
    pub parent: Option<DbId>,
    pub author: DbId,
    pub body: &'a str,
    pub mentions: &'a [uuid::Uuid],
    pub pin: Option<Pin>,
}

const SELECT: &str = "SELECT c.id, c.version_id, v.file_id, v.number, c.parent_id, c.author_id, \
     u.name AS author_name, c.body, c.mentions, c.pin_x, c.pin_y, c.pin_width, c.pin_height, \
     c.pin_page, c.resolved_at, c.resolved_by, c.created_at, c.updated_at, c.deleted_at \
     FROM review_comments c JOIN file_versions v ON v.id = c.version_id \
     LEFT JOIN users u ON u.id = c.author_id";

pub async fn insert(
    db: &Db,
    comment: &NewReviewComment<'_>,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO review_comments (id, version_id, parent_id, author_id, body, \
         mentions, pin_x, pin_y, pin_width, pin_height, pin_page, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    let id = DbId::new();
    let pin = comment.pin;
    let size = pin.and_then(|p| p.size);
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(comment.version)
        .bind(comment.parent)
        .bind(comment.author)
        .bind(comment.body)
        .bind(sqlx::types::Json(comment.mentions))
        .bind(pin.map(|p| p.x))
        .bind(pin.map(|p| p.y))
        .bind(size.map(|(width, _)| width))
        .bind(size.map(|(_, height)| height))
        .bind(pin.and_then(|p| p.page))
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// A version's comments, threads and replies together, oldest first; `after` is the
/// previous page's last id.
pub async fn page(
    db: &Db,
    version: DbId,
    after: Option<DbId>,
    limit: i64,
) -> Result<Vec<ReviewCommentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE c.version_id = $1 AND ($2 IS NULL OR c.id > $2) ORDER BY c.id LIMIT $3"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(version)
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// Comment `id` when it is on a version of `file`.
pub async fn by_id(db: &Db, file: DbId, id: DbId) -> Result<Option<ReviewCommentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1 AND v.file_id = $2"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(file)
        .fetch_optional(pool)
        .await)?)
}

/// Edits a live comment (the caller checked authorship).
pub async fn edit(db: &Db, id: DbId, body: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE review_comments SET body = $2, updated_at = $3 \
         WHERE id = $1 AND deleted_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(body)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Empties a live comment and marks it deleted; the row stays as a tombstone.
pub async fn tombstone(db: &Db, id: DbId, now: DateTime<Utc>) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE review_comments SET body = '', mentions = $3, deleted_at = $2 \
         WHERE id = $1 AND deleted_at IS NULL";
    let none: &[uuid::Uuid] = &[];
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(now)
        .bind(sqlx::types::Json(none))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Resolves a thread (`by` someone) or reopens it (`None`). False when it already stood so,
/// or is a reply.
pub async fn set_resolved(
    db: &Db,
    id: DbId,
    by: Option<DbId>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const RESOLVE: &str = "UPDATE review_comments SET resolved_at = $2, resolved_by = $3 \
         WHERE id = $1 AND parent_id IS NULL AND resolved_at IS NULL";
    const REOPEN: &str = "UPDATE review_comments SET resolved_at = NULL, resolved_by = NULL \
         WHERE id = $1 AND parent_id IS NULL AND resolved_at IS NOT NULL";
    let done = match by {
        Some(by) => write_with!(db, |pool| sqlx::query(RESOLVE)
            .bind(id)
            .bind(now)
            .bind(by)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?,
        None => write_with!(db, |pool| sqlx::query(REOPEN)
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?,
    };
    Ok(done > 0)
}
