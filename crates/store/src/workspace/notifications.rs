//! Notifications: one row per person told something (assigned, mentioned, invited…),
//! read or not. Listed newest first.

use chrono::{DateTime, Utc};
use fluxstudio_domain::NotificationKind;

use crate::{Db, DbId, StoreError, read_with, write_with};

pub struct NewNotification<'a> {
    pub user: DbId,
    /// e.g. `task_assigned`, `mentioned`, `invited`, `task_commented`, `project_status`.
    pub kind: &'a str,
    pub title: &'a str,
    pub body: Option<&'a str>,
    /// Where it points (ids), for the web app to link to.
    pub data: serde_json::Value,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: DbId,
    pub kind: NotificationKind,
    pub title: String,
    pub body: Option<String>,
    pub data: Option<sqlx::types::Json<serde_json::Value>>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(
    db: &Db,
    new: &NewNotification<'_>,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO notifications (id, user_id, kind, title, body, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let id = DbId::new();
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(new.user)
        .bind(new.kind)
        .bind(new.title)
        .bind(new.body)
        .bind(sqlx::types::Json(&new.data))
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// One page of `user`'s notifications, newest first, optionally only the unread.
pub async fn page(
    db: &Db,
    user: DbId,
    unread_only: bool,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    const SQL: &str = "SELECT id, kind, title, body, data, read_at, created_at FROM notifications \
         WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) AND ($3 IS NULL OR id < $3) \
         ORDER BY id DESC LIMIT $4";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(user)
        .bind(unread_only)
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

pub async fn unread_count(db: &Db, user: DbId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(user)
        .fetch_one(pool)
        .await)?)
}

/// Marks one of `user`'s notifications read. False when it is not theirs.
pub async fn mark_read(
    db: &Db,
    user: DbId,
    id: DbId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE notifications SET read_at = COALESCE(read_at, $3) \
         WHERE id = $1 AND user_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(user)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Marks all of `user`'s notifications read; returns how many were unread.
pub async fn mark_all_read(db: &Db, user: DbId, now: DateTime<Utc>) -> Result<u64, StoreError> {
    const SQL: &str =
        "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL";
    Ok(write_with!(db, |pool| sqlx::query(SQL)
        .bind(user)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}

pub async fn delete(db: &Db, user: DbId, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM notifications WHERE id = $1 AND user_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(user)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
