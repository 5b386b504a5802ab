//! Which conversations a person belongs to, as SQL shared by the list and search queries.
//!
//! A direct or group conversation belongs to its participants. A project's channel
//! belongs to everyone who can see the project: the organization's staff, and clients on
//! the project, the rule of `fluxstudio_domain::permissions::project_access` (View).

/// A common table expression `mine(id)` of the conversations of the person bound as `$1`.
pub(crate) const MINE: &str = "WITH mine (id) AS ( \
     SELECT cp.conversation_id FROM conversation_participants cp \
     JOIN conversations k ON k.id = cp.conversation_id \
     WHERE cp.user_id = $1 AND k.kind <> 'project' \
     UNION ALL \
     SELECT p.id FROM projects p \
     JOIN organization_members m ON m.organization_id = p.organization_id AND m.user_id = $1 \
     LEFT JOIN project_members pm ON pm.project_id = p.id AND pm.user_id = $1 \
     WHERE m.role <> 'client' OR pm.role IS NOT NULL) ";

use crate::{Db, DbId, StoreError, read_with};

/// The ids of every conversation `user` belongs to.
pub async fn conversation_ids(db: &Db, user: DbId) -> Result<Vec<DbId>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{MINE}SELECT id FROM mine"));
    Ok(read_with!(db, |pool| sqlx::query_scalar(sql)
        .bind(user)
        .fetch_all(pool)
        .await)?)
}

/// Everyone who shares an organization or a conversation with `user` (themself
/// included): whose presence they may ask about.
pub async fn contacts(db: &Db, user: DbId) -> Result<Vec<DbId>, StoreError> {
    const SQL: &str = "SELECT y.user_id FROM organization_members x \
         JOIN organization_members y ON y.organization_id = x.organization_id \
         WHERE x.user_id = $1 \
         UNION SELECT b.user_id FROM conversation_participants a \
         JOIN conversation_participants b ON b.conversation_id = a.conversation_id \
         WHERE a.user_id = $1 \
         UNION SELECT $1";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(user)
        .fetch_all(pool)
        .await)?)
}

/// Whether two people are members of at least one organization together: who may start
/// a conversation with whom.
pub async fn share_an_organization(db: &Db, a: DbId, b: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT EXISTS (SELECT 1 FROM organization_members x \
         JOIN organization_members y ON y.organization_id = x.organization_id \
         WHERE x.user_id = $1 AND y.user_id = $2)";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(a)
        .bind(b)
        .fetch_one(pool)
        .await)?)
}
