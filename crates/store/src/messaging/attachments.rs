//! Attachments on messages: files of a project channel's project, or files sent into a
//! direct or group conversation (`conversation_files`), which belong to that conversation
//! and go with it. A conversation file is on one message at most.

use chrono::{DateTime, Utc};
use fluxstudio_domain::{FileFamily, PreviewState};

use super::placeholders;
use crate::{Db, DbId, StoreError, read_with, write_with};

/// What a message carries, as its sender names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentRef {
    /// A file of the channel's project.
    ProjectFile(DbId),
    /// A file sent into the conversation.
    ConversationFile(DbId),
}

/// A file sent into a conversation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConversationFileRow {
    pub id: DbId,
    pub conversation_id: DbId,
    pub uploaded_by: Option<DbId>,
    pub name: String,
    pub family: FileFamily,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub created_at: DateTime<Utc>,
    /// The message it is on, once sent.
    pub message_id: Option<DbId>,
}

const FILE_COLUMNS: &str = "c.id, c.conversation_id, c.uploaded_by, c.name, c.family, \
     c.sha256, c.size, c.mime, c.created_at, a.message_id \
     FROM conversation_files c LEFT JOIN message_attachments a ON a.conversation_file_id = c.id";

/// Records a file sent into `conversation` (its blob is stored already).
pub async fn insert_file(db: &Db, file: &ConversationFileRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO conversation_files (id, conversation_id, uploaded_by, name, \
         family, sha256, size, mime, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(file.id)
        .bind(file.conversation_id)
        .bind(file.uploaded_by)
        .bind(&file.name)
        .bind(file.family)
        .bind(&file.sha256)
        .bind(file.size)
        .bind(&file.mime)
        .bind(file.created_at)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// File `id` of `conversation`, if it is one.
pub async fn file(
    db: &Db,
    conversation: DbId,
    id: DbId,
) -> Result<Option<ConversationFileRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} WHERE c.id = $1 AND c.conversation_id = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(conversation)
        .fetch_optional(pool)
        .await)?)
}

/// Deletes the files sent into conversations before `before` that are on no message.
/// Returns how many.
pub async fn forget_unsent(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM conversation_files WHERE created_at < $1 AND NOT EXISTS \
         (SELECT 1 FROM message_attachments a WHERE a.conversation_file_id = conversation_files.id)";
    Ok(write_with!(db, |pool| sqlx::query(SQL)
        .bind(before)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Which of `files` are files of `project`.
pub async fn project_files_of(
    db: &Db,
    project: DbId,
    files: &[DbId],
) -> Result<Vec<DbId>, StoreError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT id FROM files WHERE project_id = $1 AND id IN ({})",
        placeholders(2, files.len())
    ));
    read_with!(db, |pool| {
        let mut query = sqlx::query_scalar(sql).bind(project);
        for id in files {
            query = query.bind(*id);
        }
        Ok(query.fetch_all(pool).await?)
    })
}

/// An attachment as shown on its message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    pub message_id: DbId,
    pub position: i32,
    /// The project file's id, or the conversation file's.
    pub id: DbId,
    /// True for a project file.
    pub project_file: bool,
    pub name: String,
    pub family: FileFamily,
    pub size: i64,
    pub mime: String,
    /// A project file's newest version, and its preview's state.
    pub version: Option<i64>,
    pub preview: Option<PreviewState>,
}

/// The attachments of several messages, each message's in order.
pub async fn of(db: &Db, messages: &[DbId]) -> Result<Vec<AttachmentRow>, StoreError> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let list = placeholders(1, messages.len());
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT a.message_id, a.position, f.id, TRUE AS project_file, f.name, f.family, v.size, \
         v.mime, f.latest_version AS version, v.preview \
         FROM message_attachments a JOIN files f ON f.id = a.file_id \
         JOIN file_versions v ON v.file_id = f.id AND v.number = f.latest_version \
         WHERE a.message_id IN ({list}) \
         UNION ALL \
         SELECT a.message_id, a.position, c.id, FALSE, c.name, c.family, c.size, c.mime, \
         NULL, NULL \
         FROM message_attachments a JOIN conversation_files c ON c.id = a.conversation_file_id \
         WHERE a.message_id IN ({list}) \
         ORDER BY message_id, position"
    ));
    read_with!(db, |pool| {
        let mut query = sqlx::query_as(sql);
        for id in messages {
            query = query.bind(*id);
        }
        Ok(query.fetch_all(pool).await?)
    })
}

/// Puts an attachment on a message (`$1` message, `$2` position, `$3` file), inside the
/// transaction that stores the message ([`super::messages::insert`]).
pub(crate) const ATTACH_PROJECT_FILE: &str =
    "INSERT INTO message_attachments (message_id, position, file_id) VALUES ($1, $2, $3)";
/// The same for a conversation file, which must also be of the conversation (`$4`), the
/// sender's (`$5`), and on no message yet: no row is written otherwise.
pub(crate) const ATTACH_CONVERSATION_FILE: &str = "INSERT INTO message_attachments \
     (message_id, position, conversation_file_id) SELECT $1, $2, c.id FROM conversation_files c \
     WHERE c.id = $3 AND c.conversation_id = $4 AND c.uploaded_by = $5 \
     AND NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.conversation_file_id = c.id)";
