//! Teams inside an organization, and their members (who must belong to the organization).

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, accounts::duplicate_or, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamRow {
    pub id: DbId,
    pub organization_id: DbId,
    pub name: String,
    pub description: Option<String>,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub member_count: i64,
}

const SELECT: &str = "SELECT t.id, t.organization_id, t.name, t.description, t.created_by, \
     t.created_at, t.updated_at, \
     (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) AS member_count FROM teams t";

/// Creates a team. `Duplicate` when the organization has a team of that name.
pub async fn insert(
    db: &Db,
    organization: DbId,
    name: &str,
    description: Option<&str>,
    created_by: DbId,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO teams (id, organization_id, name, description, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)";
    let id = DbId::new();
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(organization)
        .bind(name)
        .bind(description)
        .bind(created_by)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))
    .map_err(duplicate_or)?;
    Ok(id)
}

pub async fn of_organization(db: &Db, organization: DbId) -> Result<Vec<TeamRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.organization_id = $1 ORDER BY LOWER(t.name), t.id"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(organization)
        .fetch_all(pool)
        .await)?)
}

pub async fn by_id(db: &Db, organization: DbId, id: DbId) -> Result<Option<TeamRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.id = $1 AND t.organization_id = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(organization)
        .fetch_optional(pool)
        .await)?)
}

/// Renames or re-describes a team. `Duplicate` on a name clash; `NotFound` when absent.
pub async fn update(
    db: &Db,
    organization: DbId,
    id: DbId,
    name: Option<&str>,
    description: Option<Option<&str>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE teams SET name = COALESCE($3, name), \
         description = CASE WHEN $4 THEN $5 ELSE description END, updated_at = $6 \
         WHERE id = $1 AND organization_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(organization)
        .bind(name)
        .bind(description.is_some())
        .bind(description.flatten())
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .map_err(duplicate_or)?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn delete(db: &Db, organization: DbId, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM teams WHERE id = $1 AND organization_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(organization)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// The user ids of a team's members.
pub async fn members(db: &Db, team: DbId) -> Result<Vec<DbId>, StoreError> {
    const SQL: &str =
        "SELECT user_id FROM team_members WHERE team_id = $1 ORDER BY added_at, user_id";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(team)
        .fetch_all(pool)
        .await)?)
}

/// Adds a member; the caller has checked they belong to the organization. False when
/// they were already in the team.
pub async fn add_member(
    db: &Db,
    team: DbId,
    user: DbId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO team_members (team_id, user_id, added_at) VALUES ($1, $2, $3) \
         ON CONFLICT (team_id, user_id) DO NOTHING";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(team)
        .bind(user)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

pub async fn remove_member(db: &Db, team: DbId, user: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM team_members WHERE team_id = $1 AND user_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(team)
        .bind(user)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
