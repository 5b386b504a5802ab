//! Messages. Each gets the next number of its conversation (`seq`) in the transaction that
//! stores it, so a client that saw up to N can ask for exactly what came after. A delete
//! leaves a tombstone: the row stays, its text is gone.

use chrono::{DateTime, Utc};

use super::attachments::{ATTACH_CONVERSATION_FILE, ATTACH_PROJECT_FILE, AttachmentRef};
use crate::{Begin, Db, DbId, StoreError, accounts::duplicate_or, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: DbId,
    pub conversation_id: DbId,
    pub seq: i64,
    pub author_id: Option<DbId>,
    pub author_name: Option<String>,
    pub body: String,
    pub parent_id: Option<DbId>,
    pub reply_count: i64,
    pub mentions: sqlx::types::Json<Vec<uuid::Uuid>>,
    pub client_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// The columns of a [`MessageRow`], from `messages m` and `users u` (its author).
pub(crate) const COLUMNS: &str = "m.id, m.conversation_id, m.seq, m.author_id, \
     u.name AS author_name, m.body, m.parent_id, m.reply_count, m.mentions, m.client_id, \
     m.created_at, m.edited_at, m.deleted_at";

const FROM: &str = "FROM messages m LEFT JOIN users u ON u.id = m.author_id";

pub struct NewMessage<'a> {
    pub conversation: DbId,
    pub author: DbId,
    pub body: &'a str,
    pub parent: Option<DbId>,
    pub mentions: &'a [uuid::Uuid],
    pub client_id: Option<&'a str>,
    pub attachments: &'a [AttachmentRef],
}

/// Stores a message under its conversation's next number, counts it on the thread it
/// replies to, puts its attachments on it, and moves the author's read position to it.
/// Returns its id; a repeated `client_id` from the same author is [`StoreError::Duplicate`];
/// a conversation file that is not the author's to send (or was just sent with another
/// message) is [`StoreError::Conflict`], and nothing is stored.
pub async fn insert(db: &Db, new: &NewMessage<'_>, now: DateTime<Utc>) -> Result<DbId, StoreError> {
    const NEXT: &str = "UPDATE conversations SET last_seq = last_seq + 1, activity_id = $2, \
         updated_at = $3 WHERE id = $1 RETURNING last_seq";
    const INSERT: &str = "INSERT INTO messages (id, conversation_id, seq, author_id, body, \
         parent_id, mentions, client_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    const THREAD: &str = "UPDATE messages SET reply_count = reply_count + 1 WHERE id = $1";
    const READ: &str = "INSERT INTO conversation_participants (conversation_id, user_id, role, \
         last_read_seq, joined_at) VALUES ($1, $2, 'member', $3, $4) \
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_seq = excluded.last_read_seq";
    let id = DbId::new();
    write_with!(db, |pool| {
        // On PostgreSQL the UPDATE's row lock orders concurrent senders; on SQLite the
        // single writer does.
        let mut tx = pool.begin_write().await?;
        let seq: i64 = sqlx::query_scalar(NEXT)
            .bind(new.conversation)
            .bind(id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(INSERT)
            .bind(id)
            .bind(new.conversation)
            .bind(seq)
            .bind(new.author)
            .bind(new.body)
            .bind(new.parent)
            .bind(sqlx::types::Json(new.mentions))
            .bind(new.client_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(duplicate_or)?;
        if let Some(parent) = new.parent {
            sqlx::query(THREAD).bind(parent).execute(&mut *tx).await?;
        }
        for (position, attachment) in (0_i32..).zip(new.attachments) {
            let done = match *attachment {
                AttachmentRef::ProjectFile(file) => {
                    sqlx::query(ATTACH_PROJECT_FILE)
                        .bind(id)
                        .bind(position)
                        .bind(file)
                        .execute(&mut *tx)
                        .await?
                }
                AttachmentRef::ConversationFile(file) => {
                    sqlx::query(ATTACH_CONVERSATION_FILE)
                        .bind(id)
                        .bind(position)
                        .bind(file)
                        .bind(new.conversation)
                        .bind(new.author)
                        .execute(&mut *tx)
                        .await?
                }
            };
            if done.rows_affected() != 1 {
                return Err(StoreError::Conflict(
                    "an attachment is not the sender's to send".into(),
                ));
            }
        }
        sqlx::query(READ)
            .bind(new.conversation)
            .bind(new.author)
            .bind(seq)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

pub async fn get(db: &Db, id: DbId) -> Result<Option<MessageRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} {FROM} WHERE m.id = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// The message an author already sent under `client_id`.
pub async fn by_client_id(
    db: &Db,
    author: DbId,
    client_id: &str,
) -> Result<Option<MessageRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE m.author_id = $1 AND m.client_id = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(author)
        .bind(client_id)
        .fetch_optional(pool)
        .await)?)
}

/// Which way a page of history reads from its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The newest messages before `seq` (or the newest of all).
    Before(Option<i64>),
    /// The oldest messages after `seq`: what a client that saw up to `seq` missed.
    After(i64),
    /// The oldest messages after the first number and before the second: a gap.
    Between(i64, i64),
}

/// Which messages a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strand {
    /// Every message, replies included (catching up).
    All,
    /// Messages that start a thread or stand alone (the conversation's main line).
    Main,
    /// The replies to one message.
    Thread(DbId),
}

/// A page of a conversation's messages, always returned in ascending `seq`.
pub async fn page(
    db: &Db,
    conversation: DbId,
    strand: Strand,
    direction: Direction,
    limit: i64,
) -> Result<Vec<MessageRow>, StoreError> {
    let strand_sql = match strand {
        Strand::All => "",
        Strand::Main => " AND m.parent_id IS NULL",
        Strand::Thread(_) => " AND m.parent_id = $2",
    };
    let (cursor_sql, order) = match direction {
        Direction::Before(None) => ("", "DESC"),
        Direction::Before(Some(_)) => (" AND m.seq < $3", "DESC"),
        Direction::After(_) => (" AND m.seq > $3", "ASC"),
        Direction::Between(..) => (" AND m.seq > $3 AND m.seq < $5", "ASC"),
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE m.conversation_id = $1{strand_sql}{cursor_sql} ORDER BY m.seq {order} LIMIT $4"
    ));
    let parent = match strand {
        Strand::Thread(parent) => Some(parent),
        _ => None,
    };
    let (seq, upper) = match direction {
        Direction::Before(seq) => (seq, None),
        Direction::After(seq) => (Some(seq), None),
        Direction::Between(after, before) => (Some(after), Some(before)),
    };
    let mut rows: Vec<MessageRow> = read_with!(db, |pool| {
        let query = sqlx::query_as(sql)
            .bind(conversation)
            .bind(parent)
            .bind(seq)
            .bind(limit);
        // Only the window names a fifth parameter; PostgreSQL refuses one bound too many.
        match upper {
            Some(before) => query.bind(before),
            None => query,
        }
        .fetch_all(pool)
        .await
    })?;
    if order == "DESC" {
        rows.reverse();
    }
    Ok(rows)
}

/// Replaces a message's text and marks it edited; false when it is gone.
pub async fn edit(
    db: &Db,
    id: DbId,
    body: &str,
    mentions: &[uuid::Uuid],
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE messages SET body = $2, mentions = $3, edited_at = $4 \
         WHERE id = $1 AND deleted_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(body)
        .bind(sqlx::types::Json(mentions))
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Leaves a tombstone: the text, mentions and reactions go, the place in the
/// conversation stays. False when it was already deleted.
pub async fn delete(db: &Db, id: DbId, now: DateTime<Utc>) -> Result<bool, StoreError> {
    const TOMBSTONE: &str = "UPDATE messages SET body = '', mentions = $2, deleted_at = $3 \
         WHERE id = $1 AND deleted_at IS NULL";
    const REACTIONS: &str = "DELETE FROM message_reactions WHERE message_id = $1";
    // Its files go with its text (a project's files stay the project's).
    const SENT_FILES: &str = "DELETE FROM conversation_files WHERE id IN \
         (SELECT conversation_file_id FROM message_attachments WHERE message_id = $1)";
    const ATTACHMENTS: &str = "DELETE FROM message_attachments WHERE message_id = $1";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let done = sqlx::query(TOMBSTONE)
            .bind(id)
            .bind(sqlx::types::Json(Vec::<uuid::Uuid>::new()))
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query(REACTIONS).bind(id).execute(&mut *tx).await?;
        sqlx::query(SENT_FILES).bind(id).execute(&mut *tx).await?;
        sqlx::query(ATTACHMENTS).bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, StoreError>(done == 1)
    })
}
