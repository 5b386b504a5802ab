//! Conversations: direct (one per pair of people), group, and a channel per project.

use chrono::{DateTime, Utc};
use fluxstudio_domain::ConversationKind;

use super::access::MINE;
use crate::{Begin, Db, DbId, StoreError, accounts::duplicate_or, read_with, write_with};

/// A conversation as one person sees it: with their read position, mute and archive, and
/// the newest message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConversationRow {
    pub id: DbId,
    pub kind: ConversationKind,
    pub name: Option<String>,
    pub project_id: Option<DbId>,
    pub project_name: Option<String>,
    pub created_by: Option<DbId>,
    pub last_seq: i64,
    pub activity_id: DbId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_read_seq: i64,
    pub muted: bool,
    pub archived: bool,
    pub unread_count: i64,
    pub last_message_id: Option<DbId>,
    pub last_message_author_id: Option<DbId>,
    pub last_message_body: Option<String>,
    pub last_message_at: Option<DateTime<Utc>>,
    pub last_message_deleted_at: Option<DateTime<Utc>>,
}

/// `$1` is the person; messages by others after their read position are unread.
const SELECT: &str = "SELECT c.id, c.kind, c.name, c.project_id, p.name AS project_name, \
     c.created_by, c.last_seq, c.activity_id, c.created_at, c.updated_at, \
     COALESCE(me.last_read_seq, 0) AS last_read_seq, COALESCE(me.muted, FALSE) AS muted, \
     COALESCE(me.archived, FALSE) AS archived, \
     (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = c.id \
        AND u.seq > COALESCE(me.last_read_seq, 0) AND u.deleted_at IS NULL \
        AND (u.author_id IS NULL OR u.author_id <> $1)) AS unread_count, \
     lm.id AS last_message_id, lm.author_id AS last_message_author_id, \
     lm.body AS last_message_body, lm.created_at AS last_message_at, \
     lm.deleted_at AS last_message_deleted_at \
     FROM conversations c \
     LEFT JOIN conversation_participants me ON me.conversation_id = c.id AND me.user_id = $1 \
     LEFT JOIN projects p ON p.id = c.project_id \
     LEFT JOIN messages lm ON lm.conversation_id = c.id AND lm.seq = c.last_seq";

/// One conversation as `user` sees it, whether or not they belong to it (the caller
/// decides).
pub async fn get(db: &Db, id: DbId, user: DbId) -> Result<Option<ConversationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $2"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(user)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A page of `user`'s conversations, most recently active first; `archived` picks the
/// archived ones or the others.
pub async fn page(
    db: &Db,
    user: DbId,
    archived: bool,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<ConversationRow>, StoreError> {
    let cursor = if before.is_some() {
        " AND c.activity_id < $3"
    } else {
        ""
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "{MINE}{SELECT} WHERE c.id IN (SELECT id FROM mine) \
         AND COALESCE(me.archived, FALSE) = $2{cursor} ORDER BY c.activity_id DESC LIMIT $4"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(user)
        .bind(archived)
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// The direct conversation between two people, creating it (with both as participants)
/// when there is none. Returns its id and whether it was created.
pub async fn direct(
    db: &Db,
    from: DbId,
    to: DbId,
    now: DateTime<Utc>,
) -> Result<(DbId, bool), StoreError> {
    let key = direct_key(from, to);
    const FIND: &str = "SELECT id FROM conversations WHERE direct_key = $1";
    if let Some(id) = read_with!(db, |pool| sqlx::query_scalar(FIND)
        .bind(&key)
        .fetch_optional(pool)
        .await)?
    {
        return Ok((id, false));
    }
    let id = DbId::new();
    match create(db, id, "direct", None, Some(&key), from, &[to], now).await {
        Ok(()) => Ok((id, true)),
        // Both people opened it at once: the other request made it.
        Err(StoreError::Duplicate) => {
            let id = read_with!(db, |pool| sqlx::query_scalar(FIND)
                .bind(&key)
                .fetch_one(pool)
                .await)?;
            Ok((id, false))
        }
        Err(error) => Err(error),
    }
}

/// A new group conversation; `owner` and `others` are its participants.
pub async fn group(
    db: &Db,
    name: Option<&str>,
    owner: DbId,
    others: &[DbId],
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    let id = DbId::new();
    create(db, id, "group", name, None, owner, others, now).await?;
    Ok(id)
}

fn direct_key(a: DbId, b: DbId) -> String {
    let (low, high) = if a.0 <= b.0 { (a, b) } else { (b, a) };
    format!("{}:{}", low.0, high.0)
}

#[allow(clippy::too_many_arguments)]
async fn create(
    db: &Db,
    id: DbId,
    kind: &str,
    name: Option<&str>,
    direct_key: Option<&str>,
    owner: DbId,
    others: &[DbId],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const CONVERSATION: &str = "INSERT INTO conversations (id, kind, name, direct_key, \
         created_by, activity_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $1, $6, $6)";
    const PARTICIPANT: &str = "INSERT INTO conversation_participants (conversation_id, \
         user_id, role, joined_at) VALUES ($1, $2, $3, $4)";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(CONVERSATION)
            .bind(id)
            .bind(kind)
            .bind(name)
            .bind(direct_key)
            .bind(owner)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(duplicate_or)?;
        let people = std::iter::once((owner, "owner")).chain(others.iter().map(|p| (*p, "member")));
        for (person, role) in people {
            sqlx::query(PARTICIPANT)
                .bind(id)
                .bind(person)
                .bind(role)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })
}

pub async fn rename(db: &Db, id: DbId, name: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE conversations SET name = $2, updated_at = $3 WHERE id = $1";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(name)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_has_one_direct_key_whoever_starts() {
        let (a, b) = (DbId::new(), DbId::new());
        assert_eq!(direct_key(a, b), direct_key(b, a));
        assert_ne!(direct_key(a, b), direct_key(a, DbId::new()));
    }
}
