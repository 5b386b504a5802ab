//! The activity log: who did what, when, on what. Listed per organization and per
//! project, newest first (ids are time-ordered).

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

pub struct NewActivity<'a> {
    pub organization: DbId,
    pub project: Option<DbId>,
    pub actor: DbId,
    /// e.g. `organization.created`, `member.role_changed`, `task.moved`.
    pub action: &'a str,
    /// e.g. `organization`, `member`, `team`, `invitation`, `project`, `task`.
    pub entity_type: &'a str,
    pub entity_id: Option<DbId>,
    pub entity_title: Option<&'a str>,
    pub metadata: Option<serde_json::Value>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: DbId,
    pub organization_id: DbId,
    pub project_id: Option<DbId>,
    pub actor_id: Option<DbId>,
    pub actor_name: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<DbId>,
    pub entity_title: Option<String>,
    pub metadata: Option<sqlx::types::Json<serde_json::Value>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(
    db: &Db,
    new: &NewActivity<'_>,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO activities (id, organization_id, project_id, actor_id, action, \
         entity_type, entity_id, entity_title, metadata, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    let id = DbId::new();
    let metadata = new.metadata.as_ref().map(sqlx::types::Json);
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(new.organization)
        .bind(new.project)
        .bind(new.actor)
        .bind(new.action)
        .bind(new.entity_type)
        .bind(new.entity_id)
        .bind(new.entity_title)
        .bind(metadata)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// One page of an organization's activity (or only one project's, when given).
pub async fn page(
    db: &Db,
    organization: DbId,
    project: Option<DbId>,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<ActivityRow>, StoreError> {
    const SQL: &str = "SELECT a.id, a.organization_id, a.project_id, a.actor_id, \
         u.name AS actor_name, a.action, a.entity_type, a.entity_id, a.entity_title, a.metadata, \
         a.created_at FROM activities a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE a.organization_id = $1 AND ($2 IS NULL OR a.project_id = $2) \
         AND ($3 IS NULL OR a.id < $3) ORDER BY a.id DESC LIMIT $4";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(organization)
        .bind(project)
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}
