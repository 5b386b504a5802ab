//! Sessions and their refresh tokens. A session is one sign-in on one device; its refresh
//! tokens form a chain (the "family"): each use replaces the token with a new one, and
//! presenting a replaced token again revokes the whole session.

use chrono::{DateTime, Utc};

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

/// Where a sign-in came from, kept with the session so its owner recognises it.
#[derive(Debug, Clone)]
pub struct Device<'a> {
    pub name: &'a str,
    pub ip_address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// Opens a session for `user` with its first refresh token (stored as `token_hash`),
/// and records the sign-in time on the user.
pub async fn open(
    db: &Db,
    user: DbId,
    device: &Device<'_>,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SESSION: &str = "INSERT INTO sessions (id, user_id, device_name, ip_address, \
         user_agent, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)";
    const LOGIN: &str = "UPDATE users SET last_login_at = $2 WHERE id = $1";
    let session = DbId::new();
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(SESSION)
            .bind(session)
            .bind(user)
            .bind(device.name)
            .bind(device.ip_address)
            .bind(device.user_agent)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        sqlx::query(INSERT_TOKEN)
            .bind(DbId::new())
            .bind(session)
            .bind(token_hash)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        sqlx::query(LOGIN)
            .bind(user)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })?;
    Ok(session)
}

const INSERT_TOKEN: &str = "INSERT INTO refresh_tokens (id, session_id, token_hash, \
     created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";

/// The outcome of presenting a refresh token.
#[derive(Debug, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current: it is now replaced by the new one.
    Rotated { session: DbId, user: DbId },
    /// The token had already been replaced: someone holds a stolen copy, or the owner's
    /// copy was stolen. The whole session is now revoked.
    Reused { session: DbId, user: DbId },
    /// Unknown, expired, or its session was revoked, expired or its user disabled.
    Refused,
}

/// Replaces the current token `presented_hash` with `new_hash`. Marking the old token
/// replaced is one conditional UPDATE, so two concurrent uses of the same token cannot
/// both succeed: the second one is reuse.
pub async fn rotate(
    db: &Db,
    presented_hash: &str,
    new_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Rotation, StoreError> {
    const CLAIM: &str = "UPDATE refresh_tokens SET replaced_at = $2 \
         WHERE token_hash = $1 AND replaced_at IS NULL AND expires_at > $2 RETURNING session_id";
    const LIVE: &str = "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.is_active = TRUE";
    const TOUCH: &str = "UPDATE sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1";
    const PRIOR: &str = "SELECT t.session_id, s.user_id FROM refresh_tokens t \
         JOIN sessions s ON s.id = t.session_id \
         WHERE t.token_hash = $1 AND t.replaced_at IS NOT NULL";
    let outcome = write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let claimed: Option<DbId> = sqlx::query_scalar(CLAIM)
            .bind(presented_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        match claimed {
            None => {
                let prior: Option<(DbId, DbId)> = sqlx::query_as(PRIOR)
                    .bind(presented_hash)
                    .fetch_optional(&mut *tx)
                    .await?;
                match prior {
                    Some((session, user)) => Rotation::Reused { session, user },
                    None => Rotation::Refused,
                }
            }
            Some(session) => {
                let user: Option<DbId> = sqlx::query_scalar(LIVE)
                    .bind(session)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                match user {
                    // Dropping the transaction rolls back: a dead session's token stays.
                    None => Rotation::Refused,
                    Some(user) => {
                        sqlx::query(INSERT_TOKEN)
                            .bind(DbId::new())
                            .bind(session)
                            .bind(new_hash)
                            .bind(now)
                            .bind(expires_at)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query(TOUCH)
                            .bind(session)
                            .bind(now)
                            .bind(expires_at)
                            .execute(&mut *tx)
                            .await?;
                        tx.commit().await?;
                        Rotation::Rotated { session, user }
                    }
                }
            }
        }
    });
    if let Rotation::Reused { session, user } = outcome {
        revoke(db, user, session, "refresh_token_reuse", now).await?;
    }
    Ok(outcome)
}

/// What a request authenticated by an access token needs to know about its session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionAuth {
    pub user_id: DbId,
    pub revoked: bool,
    pub expires_at: DateTime<Utc>,
    pub is_active: bool,
    pub is_admin: bool,
}

/// Looked up on every authenticated request, so a revoked session or a disabled user is
/// refused at once rather than when the access token expires.
pub async fn auth(db: &Db, session: DbId) -> Result<Option<SessionAuth>, StoreError> {
    const SQL: &str = "SELECT s.user_id, s.revoked_at IS NOT NULL AS revoked, s.expires_at, \
         u.is_active, u.is_admin FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(session)
        .fetch_optional(pool)
        .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: DbId,
    pub device_name: String,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The user's live sessions, most recently used first.
pub async fn live(db: &Db, user: DbId, now: DateTime<Utc>) -> Result<Vec<SessionRow>, StoreError> {
    const SQL: &str = "SELECT id, device_name, ip_address, user_agent, created_at, last_used_at, \
         expires_at FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 \
         ORDER BY last_used_at DESC, id DESC";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(user)
        .bind(now)
        .fetch_all(pool)
        .await)?)
}

/// Revokes one of `user`'s sessions. False when it is not theirs or already revoked.
pub async fn revoke(
    db: &Db,
    user: DbId,
    session: DbId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $3, revoked_reason = $4 \
         WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(session)
        .bind(user)
        .bind(now)
        .bind(reason)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Revokes every live session of `user` but `keep` (the one asking, when it should stay).
pub async fn revoke_all(
    db: &Db,
    user: DbId,
    keep: Option<DbId>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $3, revoked_reason = $4 \
         WHERE user_id = $1 AND revoked_at IS NULL AND ($2 IS NULL OR id <> $2)";
    Ok(write_with!(db, |pool| sqlx::query(SQL)
        .bind(user)
        .bind(keep)
        .bind(now)
        .bind(reason)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}

/// The session a refresh token belongs to, whether or not it is still current: logging
/// out with an already-rotated token still ends the session.
pub async fn of_token(db: &Db, token_hash: &str) -> Result<Option<(DbId, DbId)>, StoreError> {
    const SQL: &str = "SELECT t.session_id, s.user_id FROM refresh_tokens t \
         JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = $1";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(token_hash)
        .fetch_optional(pool)
        .await)?)
}

/// Deletes sessions (and, by cascade, their refresh tokens) that expired or were revoked
/// before `before`: they can no longer be used, and their history has aged out. Returns
/// how many went.
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1";
    Ok(write_with!(db, |pool| sqlx::query(SQL)
        .bind(before)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}
