//! Reactions: one row per message, emoji and person.

use chrono::{DateTime, Utc};

use super::placeholders;
use crate::{Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReactionRow {
    pub message_id: DbId,
    pub emoji: String,
    pub user_id: DbId,
}

/// Adds (`on`) or removes a reaction; true when something changed.
pub async fn set(
    db: &Db,
    message: DbId,
    user: DbId,
    emoji: &str,
    on: bool,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const ADD: &str = "INSERT INTO message_reactions (message_id, user_id, emoji, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
    const REMOVE: &str =
        "DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3";
    // Each statement gets exactly the values it names: SQLite refuses extra ones.
    let done = write_with!(db, |pool| {
        let query = sqlx::query(if on { ADD } else { REMOVE })
            .bind(message)
            .bind(user)
            .bind(emoji);
        if on { query.bind(now) } else { query }
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
    })?;
    Ok(done == 1)
}

/// The reactions on several messages, oldest first.
pub async fn of(db: &Db, messages: &[DbId]) -> Result<Vec<ReactionRow>, StoreError> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT message_id, emoji, user_id FROM message_reactions WHERE message_id IN ({}) \
         ORDER BY created_at",
        placeholders(1, messages.len())
    ));
    read_with!(db, |pool| {
        let mut query = sqlx::query_as(sql);
        for id in messages {
            query = query.bind(*id);
        }
        Ok(query.fetch_all(pool).await?)
    })
}
