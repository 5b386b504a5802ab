//! Who takes part in a direct or group conversation, and each person's own state in any
//! conversation: read position, mute, archive.

use chrono::{DateTime, Utc};

use super::placeholders;
use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ParticipantRow {
    pub conversation_id: DbId,
    pub user_id: DbId,
    pub name: String,
    pub role: String,
    pub last_read_seq: i64,
    pub joined_at: DateTime<Utc>,
}

/// The participant rows of several conversations (for a project channel these are the
/// people who have read it, with their positions).
pub async fn of(db: &Db, conversations: &[DbId]) -> Result<Vec<ParticipantRow>, StoreError> {
    if conversations.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT cp.conversation_id, cp.user_id, u.name, cp.role, cp.last_read_seq, cp.joined_at \
         FROM conversation_participants cp JOIN users u ON u.id = cp.user_id \
         WHERE cp.conversation_id IN ({}) ORDER BY cp.joined_at, u.name",
        placeholders(1, conversations.len())
    ));
    read_with!(db, |pool| {
        let mut query = sqlx::query_as(sql);
        for id in conversations {
            query = query.bind(*id);
        }
        Ok(query.fetch_all(pool).await?)
    })
}

/// The role of `user` in a direct or group conversation, if they take part.
pub async fn role(db: &Db, conversation: DbId, user: DbId) -> Result<Option<String>, StoreError> {
    const SQL: &str =
        "SELECT role FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(conversation)
        .bind(user)
        .fetch_optional(pool)
        .await)?)
}

/// Adds people as members; those already in are left as they are. Returns who was added.
pub async fn add(
    db: &Db,
    conversation: DbId,
    people: &[DbId],
    now: DateTime<Utc>,
) -> Result<Vec<DbId>, StoreError> {
    const SQL: &str = "INSERT INTO conversation_participants (conversation_id, user_id, role, \
         joined_at) VALUES ($1, $2, 'member', $3) ON CONFLICT DO NOTHING";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let mut added = Vec::new();
        for person in people {
            let done = sqlx::query(SQL)
                .bind(conversation)
                .bind(*person)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 1 {
                added.push(*person);
            }
        }
        tx.commit().await?;
        Ok::<_, StoreError>(added)
    })
}

pub async fn remove(db: &Db, conversation: DbId, user: DbId) -> Result<bool, StoreError> {
    const SQL: &str =
        "DELETE FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(conversation)
        .bind(user)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Moves `user`'s read position forward to `seq` (never back), creating their state row
/// in a project channel. Returns the position now stored.
pub async fn mark_read(
    db: &Db,
    conversation: DbId,
    user: DbId,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    const SQL: &str = "INSERT INTO conversation_participants (conversation_id, user_id, role, \
         last_read_seq, joined_at) VALUES ($1, $2, 'member', $3, $4) \
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_seq = CASE \
         WHEN excluded.last_read_seq > conversation_participants.last_read_seq \
         THEN excluded.last_read_seq ELSE conversation_participants.last_read_seq END \
         RETURNING last_read_seq";
    Ok(write_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(conversation)
        .bind(user)
        .bind(seq)
        .bind(now)
        .fetch_one(pool)
        .await)?)
}

/// Sets `user`'s mute and archive for a conversation (`None` keeps a value).
pub async fn set_state(
    db: &Db,
    conversation: DbId,
    user: DbId,
    muted: Option<bool>,
    archived: Option<bool>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO conversation_participants (conversation_id, user_id, role, \
         muted, archived, joined_at) VALUES ($1, $2, 'member', COALESCE($3, FALSE), \
         COALESCE($4, FALSE), $5) ON CONFLICT (conversation_id, user_id) DO UPDATE SET \
         muted = COALESCE($3, conversation_participants.muted), \
         archived = COALESCE($4, conversation_participants.archived)";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(conversation)
        .bind(user)
        .bind(muted)
        .bind(archived)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Who is muting a conversation, of `people`.
pub async fn muting(db: &Db, conversation: DbId, people: &[DbId]) -> Result<Vec<DbId>, StoreError> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT user_id FROM conversation_participants WHERE conversation_id = $1 AND muted \
         AND user_id IN ({})",
        placeholders(2, people.len())
    ));
    read_with!(db, |pool| {
        let mut query = sqlx::query_scalar(sql).bind(conversation);
        for id in people {
            query = query.bind(*id);
        }
        Ok(query.fetch_all(pool).await?)
    })
}
