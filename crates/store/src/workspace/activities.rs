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

/// What of an organization's activity a reader may see.
#[derive(Debug, Clone, Copy)]
pub struct ActivityScope {
    /// Only this project's entries.
    pub project: Option<DbId>,
    /// Only the entries of projects this person has a role on, and no project's deletion
    /// (a client: they see only their own projects, not even that others existed).
    pub projects_of: Option<DbId>,
    /// Invitations sent, resent and revoked (who was invited, with which role): only for
    /// those who may manage invitations.
    pub invitations: bool,
}

/// One page of an organization's activity, as `scope` lets its reader see it.
pub async fn page(
    db: &Db,
    organization: DbId,
    scope: ActivityScope,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<ActivityRow>, StoreError> {
    const SQL: &str = "SELECT a.id, a.organization_id, a.project_id, a.actor_id, \
         u.name AS actor_name, a.action, a.entity_type, a.entity_id, a.entity_title, a.metadata, \
         a.created_at FROM activities a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE a.organization_id = $1 AND ($2 IS NULL OR a.project_id = $2) \
         AND ($3 IS NULL OR a.id < $3) \
         AND ($5 IS NULL \
              OR (a.project_id IS NULL AND a.entity_type <> 'project') \
              OR EXISTS (SELECT 1 FROM project_members pm \
                         WHERE pm.project_id = a.project_id AND pm.user_id = $5)) \
         AND ($6 OR a.entity_type <> 'invitation') \
         ORDER BY a.id DESC LIMIT $4";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(organization)
        .bind(scope.project)
        .bind(before)
        .bind(limit)
        .bind(scope.projects_of)
        .bind(scope.invitations)
        .fetch_all(pool)
        .await)?)
}
