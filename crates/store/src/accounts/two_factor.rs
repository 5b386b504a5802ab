//! Two-factor authentication state: a secret waiting for its first code, the confirmed
//! secret with the last time step accepted, and the hashed single-use recovery codes.

use chrono::{DateTime, Utc};

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

/// Keeps a freshly generated secret until the user proves their app has it.
pub async fn set_pending(db: &Db, user: DbId, secret: &str) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET totp_pending_secret = $2 WHERE id = $1";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(user)
        .bind(secret)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Turns two-factor on with the pending secret (still equal to `secret`, so a setup
/// restarted in another tab cannot be confirmed with the old one), remembering the step of
/// the confirming code and replacing any recovery codes with `code_hashes`.
pub async fn enable(
    db: &Db,
    user: DbId,
    secret: &str,
    step: i64,
    code_hashes: &[String],
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const ENABLE: &str = "UPDATE users SET totp_secret = totp_pending_secret, \
         totp_pending_secret = NULL, totp_last_step = $3, updated_at = $4 \
         WHERE id = $1 AND totp_pending_secret = $2";
    const CLEAR: &str = "DELETE FROM recovery_codes WHERE user_id = $1";
    const CODE: &str = "INSERT INTO recovery_codes (id, user_id, code_hash, created_at) \
         VALUES ($1, $2, $3, $4)";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let enabled = sqlx::query(ENABLE)
            .bind(user)
            .bind(secret)
            .bind(step)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if enabled == 0 {
            return Ok(false);
        }
        sqlx::query(CLEAR).bind(user).execute(&mut *tx).await?;
        for hash in code_hashes {
            sqlx::query(CODE)
                .bind(DbId::new())
                .bind(user)
                .bind(hash)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok::<_, StoreError>(true)
    })
}

/// Records that a code of time step `step` was accepted. False when that step (or a later
/// one) was already used: the same code presented twice is refused the second time.
pub async fn claim_step(db: &Db, user: DbId, step: i64) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE users SET totp_last_step = $2 \
         WHERE id = $1 AND totp_secret IS NOT NULL \
         AND (totp_last_step IS NULL OR totp_last_step < $2)";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(user)
        .bind(step)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Uses one recovery code. False when it is not one of the user's unused codes.
pub async fn use_recovery_code(
    db: &Db,
    user: DbId,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE recovery_codes SET used_at = $3 \
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(user)
        .bind(code_hash)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

pub async fn recovery_codes_left(db: &Db, user: DbId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(user)
        .fetch_one(pool)
        .await)?)
}

/// Turns two-factor off and forgets the secrets and recovery codes.
pub async fn disable(db: &Db, user: DbId, now: DateTime<Utc>) -> Result<(), StoreError> {
    const OFF: &str = "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, \
         totp_last_step = NULL, updated_at = $2 WHERE id = $1";
    const CLEAR: &str = "DELETE FROM recovery_codes WHERE user_id = $1";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(OFF)
            .bind(user)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(CLEAR).bind(user).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    Ok(())
}
