//! Each reviewer's current decision on a version (a new one replaces theirs), and the
//! people asked for their review.

use chrono::{DateTime, Utc};
use fluxstudio_domain::ReviewDecision;

use crate::{Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DecisionRow {
    pub reviewer_id: DbId,
    pub reviewer_name: Option<String>,
    pub decision: ReviewDecision,
    pub note: Option<String>,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub user_id: DbId,
    pub name: Option<String>,
    pub requested_by: Option<DbId>,
    pub requested_at: DateTime<Utc>,
}

/// Records `reviewer`'s decision on `version`, replacing any earlier one of theirs.
pub async fn decide(
    db: &Db,
    version: DbId,
    reviewer: DbId,
    decision: ReviewDecision,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO review_decisions (version_id, reviewer_id, decision, note, \
         decided_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version_id, reviewer_id) \
         DO UPDATE SET decision = excluded.decision, note = excluded.note, \
         decided_at = excluded.decided_at";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(version)
        .bind(reviewer)
        .bind(decision)
        .bind(note)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Every reviewer's current decision on `version`, the earliest first.
pub async fn decisions(db: &Db, version: DbId) -> Result<Vec<DecisionRow>, StoreError> {
    const SQL: &str = "SELECT d.reviewer_id, u.name AS reviewer_name, d.decision, d.note, \
         d.decided_at FROM review_decisions d LEFT JOIN users u ON u.id = d.reviewer_id \
         WHERE d.version_id = $1 ORDER BY d.decided_at, d.reviewer_id";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(version)
        .fetch_all(pool)
        .await)?)
}

/// Asks `user` for their review of `version`. False when they were already asked.
pub async fn request(
    db: &Db,
    version: DbId,
    user: DbId,
    by: DbId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO review_requests (version_id, user_id, requested_by, \
         requested_at) VALUES ($1, $2, $3, $4) ON CONFLICT (version_id, user_id) DO NOTHING";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(version)
        .bind(user)
        .bind(by)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// The people asked for their review of `version`, the earliest asked first.
pub async fn requests(db: &Db, version: DbId) -> Result<Vec<RequestRow>, StoreError> {
    const SQL: &str = "SELECT r.user_id, u.name, r.requested_by, r.requested_at \
         FROM review_requests r LEFT JOIN users u ON u.id = r.user_id \
         WHERE r.version_id = $1 ORDER BY r.requested_at, r.user_id";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(version)
        .fetch_all(pool)
        .await)?)
}
