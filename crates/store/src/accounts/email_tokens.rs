//! Single-use links sent by email: verify an address (valid 2 days) or reset a password
//! (valid 1 hour). Only their SHA-256 is stored.

use chrono::{DateTime, Utc};

use crate::{Begin, Db, DbId, StoreError, write_with};

/// Stores a new link for `user` and retires any earlier unused one with the same purpose,
/// so only the latest email works.
pub async fn issue(
    db: &Db,
    user: DbId,
    purpose: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    const RETIRE: &str = "UPDATE email_tokens SET used_at = $3 \
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL";
    const INSERT: &str = "INSERT INTO email_tokens (id, user_id, purpose, token_hash, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(RETIRE)
            .bind(user)
            .bind(purpose)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(INSERT)
            .bind(DbId::new())
            .bind(user)
            .bind(purpose)
            .bind(token_hash)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })?;
    Ok(())
}

/// Uses a link: the user it was for, once, if it is unused and unexpired. One conditional
/// UPDATE, so a link clicked twice at the same moment works only once.
pub async fn consume(
    db: &Db,
    purpose: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<DbId>, StoreError> {
    const SQL: &str = "UPDATE email_tokens SET used_at = $3 WHERE token_hash = $1 \
         AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id";
    Ok(write_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(token_hash)
        .bind(purpose)
        .bind(now)
        .fetch_optional(pool)
        .await)?)
}

/// Deletes links that expired before `before`. Returns how many went.
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM email_tokens WHERE expires_at < $1";
    Ok(write_with!(db, |pool| sqlx::query(SQL)
        .bind(before)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}
