//! Users: created at signup (the first one on an empty instance becomes instance admin),
//! read by id or email, edited by their owner, and disabled or promoted by an admin.

use chrono::{DateTime, Utc};

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

/// A user as stored. `email` is already normalised (trimmed, lower-case).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: DbId,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub user_type: String,
    pub is_admin: bool,
    pub is_active: bool,
    pub avatar_url: Option<String>,
    pub timezone: Option<String>,
    pub email_verified: bool,
    pub totp_secret: Option<String>,
    pub totp_pending_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, email, name, password_hash, user_type, is_admin, is_active, \
     avatar_url, timezone, email_verified, totp_secret, totp_pending_secret, totp_last_step, \
     last_login_at, created_at, updated_at";

/// Serialises, on PostgreSQL, the writes that decide who is an administrator (the first
/// signup, and admin changes that must leave one), held until the transaction ends.
/// SQLite needs none: its single writer already runs them one at a time.
pub(crate) const ADMINS_LOCK: &str = "SELECT pg_advisory_xact_lock(7307201)";

/// `$1` id, `$2` email, `$3` name, `$4` password hash, `$5` user type, `$6` admin, `$7` now,
/// `$8` whether the address is verified.
pub(crate) const INSERT: &str = "INSERT INTO users (id, email, name, password_hash, user_type, \
     is_admin, is_active, email_verified, created_at, updated_at) \
     SELECT $1, $2, $3, $4, $5, $6 OR NOT EXISTS (SELECT 1 FROM users), TRUE, $8, $7, $7";

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub user_type: &'a str,
    /// Make this user an instance admin whatever else exists (`admin create-user --admin`).
    pub admin: bool,
}

/// Inserts a user. It becomes instance admin when asked to, or when it is the first user
/// of the instance; on PostgreSQL an advisory lock makes "first" true for one signup only
/// (SQLite's single writer already serialises them). A taken email is `Duplicate`.
/// Inserts `$new` as user `$id` in the open write transaction `$tx` of `$db`: on PostgreSQL
/// under [`ADMINS_LOCK`], so two first signups cannot both become the administrator. A
/// taken address is `Duplicate`. A macro, because the transaction's type is the engine's
/// (see `write_with!`); signing up alone and from an invitation both insert through it.
macro_rules! insert_user {
    ($db:expr, $tx:ident, $id:expr, $new:expr, $now:expr, verified: $verified:expr) => {{
        if matches!($db, $crate::Db::Postgres(_)) {
            sqlx::query($crate::accounts::users::ADMINS_LOCK)
                .execute(&mut *$tx)
                .await?;
        }
        sqlx::query($crate::accounts::users::INSERT)
            .bind($id)
            .bind($new.email)
            .bind($new.name)
            .bind($new.password_hash)
            .bind($new.user_type)
            .bind($new.admin)
            .bind($now)
            .bind($verified)
            .execute(&mut *$tx)
            .await
            .map_err($crate::accounts::duplicate_or)?;
    }};
}
pub(crate) use insert_user;

pub async fn insert(db: &Db, new: &NewUser<'_>, now: DateTime<Utc>) -> Result<UserRow, StoreError> {
    let id = DbId::new();
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        insert_user!(db, tx, id, new, now, verified: false);
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })?;
    by_id(db, id).await?.ok_or(StoreError::NotFound)
}

pub async fn by_id(db: &Db, id: DbId) -> Result<Option<UserRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM users WHERE id = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// `email` must already be normalised.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM users WHERE email = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(email)
        .fetch_optional(pool)
        .await)?)
}

/// What the owner of an account may change about it. `None` leaves a field alone;
/// `Some(None)` clears an optional one.
#[derive(Debug, Default)]
pub struct ProfileChange<'a> {
    pub name: Option<&'a str>,
    pub avatar_url: Option<Option<&'a str>>,
    pub timezone: Option<Option<&'a str>>,
}

pub async fn update_profile(
    db: &Db,
    id: DbId,
    change: &ProfileChange<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    // CASE keeps one statement text for every combination of fields (Postgres caches a
    // plan per text; a text built per request would not be cached).
    const SQL: &str = "UPDATE users SET \
         name = COALESCE($2, name), \
         avatar_url = CASE WHEN $3 THEN $4 ELSE avatar_url END, \
         timezone = CASE WHEN $5 THEN $6 ELSE timezone END, \
         updated_at = $7 WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(change.name)
        .bind(change.avatar_url.is_some())
        .bind(change.avatar_url.flatten())
        .bind(change.timezone.is_some())
        .bind(change.timezone.flatten())
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    found(done)
}

pub async fn set_password_hash(
    db: &Db,
    id: DbId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    found(done)
}

pub async fn mark_email_verified(db: &Db, id: DbId, now: DateTime<Utc>) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET email_verified = TRUE, updated_at = $2 WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    found(done)
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(read_with!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(pool)
    .await)?)
}

/// One page of users for the admin list, newest first, optionally matching `search` in the
/// email or the name. `before` is the id the previous page ended at (ids are time-ordered).
pub async fn page(
    db: &Db,
    search: Option<&str>,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<UserRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users \
         WHERE ($1 IS NULL OR LOWER(email) LIKE $1 ESCAPE '\\' OR LOWER(name) LIKE $1 ESCAPE '\\') \
         AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"
    ));
    let pattern = search.map(crate::like::pattern);
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(pattern.as_deref())
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// What an admin may change about a user.
#[derive(Debug, Default, Clone, Copy)]
pub struct AdminChange {
    pub is_active: Option<bool>,
    pub is_admin: Option<bool>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum AdminChangeOutcome {
    Done,
    NotFound,
    /// The change would leave the instance without an active admin.
    LastAdmin,
}

/// Applies an admin's change in one transaction that first checks an active admin would
/// remain (on PostgreSQL under the same advisory lock as signup's "first user" rule).
pub async fn admin_change(
    db: &Db,
    id: DbId,
    change: AdminChange,
    now: DateTime<Utc>,
) -> Result<AdminChangeOutcome, StoreError> {
    const REMAINING: &str =
        "SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND is_active = TRUE AND id <> $1";
    const CURRENT: &str = "SELECT is_admin, is_active FROM users WHERE id = $1";
    const UPDATE: &str = "UPDATE users SET is_active = COALESCE($2, is_active), \
         is_admin = COALESCE($3, is_admin), updated_at = $4 WHERE id = $1";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        if matches!(db, Db::Postgres(_)) {
            sqlx::query(ADMINS_LOCK).execute(&mut *tx).await?;
        }
        let current: Option<(bool, bool)> = sqlx::query_as(CURRENT)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((was_admin, was_active)) = current else {
            return Ok(AdminChangeOutcome::NotFound);
        };
        let admin_after =
            change.is_admin.unwrap_or(was_admin) && change.is_active.unwrap_or(was_active);
        if was_admin && was_active && !admin_after {
            let others: i64 = sqlx::query_scalar(REMAINING)
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            if others == 0 {
                return Ok(AdminChangeOutcome::LastAdmin);
            }
        }
        sqlx::query(UPDATE)
            .bind(id)
            .bind(change.is_active)
            .bind(change.is_admin)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(AdminChangeOutcome::Done)
    })
}

fn found(rows: u64) -> Result<(), StoreError> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
