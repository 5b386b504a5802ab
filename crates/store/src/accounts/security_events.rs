//! The security event log: who signed in, failed to, reused a token, changed a password,
//! was blocked by a rate limit, or was changed by an admin. Admins query it with filters.

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub event_type: &'a str,
    pub severity: &'a str,
    pub user_id: Option<DbId>,
    pub session_id: Option<DbId>,
    pub ip_address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    /// A JSON object with the event's details.
    pub metadata: Option<serde_json::Value>,
}

pub async fn insert(db: &Db, event: &NewEvent<'_>, now: DateTime<Utc>) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO security_events (id, event_type, severity, user_id, \
         session_id, ip_address, user_agent, metadata, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    let id = DbId::new();
    let metadata = event.metadata.as_ref().map(sqlx::types::Json);
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(event.event_type)
        .bind(event.severity)
        .bind(event.user_id)
        .bind(event.session_id)
        .bind(event.ip_address)
        .bind(event.user_agent)
        .bind(metadata)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: DbId,
    pub event_type: String,
    pub severity: String,
    pub user_id: Option<DbId>,
    pub session_id: Option<DbId>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub metadata: Option<sqlx::types::Json<serde_json::Value>>,
    pub created_at: DateTime<Utc>,
}

/// Which events to list. Every filter is optional.
#[derive(Debug, Default, Clone)]
pub struct EventFilter<'a> {
    pub event_type: Option<&'a str>,
    pub user_id: Option<DbId>,
    pub severity: Option<&'a str>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// The id the previous page ended at; ids are time-ordered (UUIDv7).
    pub before: Option<DbId>,
}

/// One page of events, newest first.
pub async fn page(
    db: &Db,
    filter: &EventFilter<'_>,
    limit: i64,
) -> Result<Vec<EventRow>, StoreError> {
    const SQL: &str = "SELECT id, event_type, severity, user_id, session_id, ip_address, \
         user_agent, metadata, created_at FROM security_events \
         WHERE ($1 IS NULL OR event_type = $1) AND ($2 IS NULL OR user_id = $2) \
         AND ($3 IS NULL OR severity = $3) AND ($4 IS NULL OR created_at >= $4) \
         AND ($5 IS NULL OR created_at < $5) AND ($6 IS NULL OR id < $6) \
         ORDER BY id DESC LIMIT $7";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(filter.event_type)
        .bind(filter.user_id)
        .bind(filter.severity)
        .bind(filter.from)
        .bind(filter.to)
        .bind(filter.before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}
