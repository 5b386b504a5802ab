//! Who belongs to an organization, and as what.

use chrono::{DateTime, Utc};

use fluxstudio_domain::OrgRole;

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

/// A member with what others see of them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: DbId,
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub role: OrgRole,
    pub joined_at: DateTime<Utc>,
}

/// `user`'s role in `organization`, if a member.
pub async fn role_of(
    db: &Db,
    organization: DbId,
    user: DbId,
) -> Result<Option<String>, StoreError> {
    const SQL: &str =
        "SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(organization)
        .bind(user)
        .fetch_optional(pool)
        .await)?)
}

/// Members ordered by name. `after` is the user id the previous page ended at.
pub async fn page(
    db: &Db,
    organization: DbId,
    after: Option<DbId>,
    limit: i64,
) -> Result<Vec<MemberRow>, StoreError> {
    const SQL: &str = "SELECT m.user_id, u.name, u.email, u.avatar_url, m.role, m.joined_at \
         FROM organization_members m JOIN users u ON u.id = m.user_id \
         WHERE m.organization_id = $1 AND ($2 IS NULL OR m.user_id > $2) \
         ORDER BY m.user_id LIMIT $3";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(organization)
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// Adds `user` with `role`. False when they were already a member (their role stays).
pub async fn add(
    db: &Db,
    organization: DbId,
    user: DbId,
    role: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO organization_members (organization_id, user_id, role, joined_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, user_id) DO NOTHING";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(organization)
        .bind(user)
        .bind(role)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Sets a member's role. False when they are not a member.
pub async fn set_role(
    db: &Db,
    organization: DbId,
    user: DbId,
    role: &str,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE organization_members SET role = $3 WHERE organization_id = $1 AND user_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(organization)
        .bind(user)
        .bind(role)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Removes a member, with everything that gave them a part in the organization: their
/// team memberships, their project roles and their task assignments in its projects (kept,
/// they would still be mentioned, assigned and told of projects they can no longer see,
/// and would get their old roles back by rejoining). False when they were not one.
pub async fn remove(db: &Db, organization: DbId, user: DbId) -> Result<bool, StoreError> {
    const TEAMS: &str = "DELETE FROM team_members WHERE user_id = $2 \
         AND team_id IN (SELECT id FROM teams WHERE organization_id = $1)";
    const PROJECT_ROLES: &str = "DELETE FROM project_members WHERE user_id = $2 \
         AND project_id IN (SELECT id FROM projects WHERE organization_id = $1)";
    const ASSIGNMENTS: &str = "UPDATE tasks SET assignee_id = NULL WHERE assignee_id = $2 \
         AND project_id IN (SELECT id FROM projects WHERE organization_id = $1)";
    const MEMBER: &str =
        "DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        for statement in [TEAMS, PROJECT_ROLES, ASSIGNMENTS] {
            sqlx::query(statement)
                .bind(organization)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        let done = sqlx::query(MEMBER)
            .bind(organization)
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok::<_, StoreError>(done > 0)
    })
}

/// Makes `to` (already a member) the owner and the current owner `from` an admin, in one
/// transaction: the one-owner index never sees two owners or none.
pub async fn transfer_ownership(
    db: &Db,
    organization: DbId,
    from: DbId,
    to: DbId,
) -> Result<bool, StoreError> {
    const DEMOTE: &str = "UPDATE organization_members SET role = 'admin' \
         WHERE organization_id = $1 AND user_id = $2 AND role = 'owner'";
    const PROMOTE: &str = "UPDATE organization_members SET role = 'owner' \
         WHERE organization_id = $1 AND user_id = $2";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let demoted = sqlx::query(DEMOTE)
            .bind(organization)
            .bind(from)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let promoted = sqlx::query(PROMOTE)
            .bind(organization)
            .bind(to)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if demoted == 0 || promoted == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok::<_, StoreError>(true)
    })
}
