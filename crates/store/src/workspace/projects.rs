//! Projects in an organization, and who works on each.

use chrono::{DateTime, NaiveDate, Utc};

use fluxstudio_domain::{OrgRole, Priority, ProjectRole, ProjectStatus};

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProjectRow {
    pub id: DbId,
    pub organization_id: DbId,
    pub team_id: Option<DbId>,
    pub name: String,
    pub description: Option<String>,
    pub status: ProjectStatus,
    pub priority: Priority,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A project as one user sees it: with their organization role and project role.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VisibleProject {
    #[sqlx(flatten)]
    pub project: ProjectRow,
    pub org_role: OrgRole,
    pub project_role: Option<ProjectRole>,
}

const COLUMNS: &str = "p.id, p.organization_id, p.team_id, p.name, p.description, p.status, \
     p.priority, p.start_date, p.due_date, p.created_by, p.created_at, p.updated_at";

/// The fields of a project a client sets.
pub struct ProjectFields<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub status: &'a str,
    pub priority: &'a str,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub team: Option<DbId>,
}

/// Creates a project with `lead` as its lead, and its channel, in one transaction.
pub async fn insert(
    db: &Db,
    organization: DbId,
    fields: &ProjectFields<'_>,
    lead: DbId,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const PROJECT: &str = "INSERT INTO projects (id, organization_id, team_id, name, description, \
         status, priority, start_date, due_date, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)";
    const LEAD: &str = "INSERT INTO project_members (project_id, user_id, role, added_at) \
         VALUES ($1, $2, 'lead', $3)";
    // The project's channel shares its id; its members are the project's.
    const CHANNEL: &str = "INSERT INTO conversations (id, kind, project_id, created_by, \
         activity_id, created_at, updated_at) VALUES ($1, 'project', $1, $2, $1, $3, $3)";
    let id = DbId::new();
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(PROJECT)
            .bind(id)
            .bind(organization)
            .bind(fields.team)
            .bind(fields.name)
            .bind(fields.description)
            .bind(fields.status)
            .bind(fields.priority)
            .bind(fields.start_date)
            .bind(fields.due_date)
            .bind(lead)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for statement in [LEAD, CHANNEL] {
            sqlx::query(statement)
                .bind(id)
                .bind(lead)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    })?;
    Ok(id)
}

/// One project with `user`'s roles (`None` when `user` is not in its organization).
pub async fn visible(db: &Db, id: DbId, user: DbId) -> Result<Option<VisibleProject>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, m.role AS org_role, pm.role AS project_role FROM projects p \
         JOIN organization_members m ON m.organization_id = p.organization_id AND m.user_id = $2 \
         LEFT JOIN project_members pm ON pm.project_id = p.id AND pm.user_id = $2 WHERE p.id = $1"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(user)
        .fetch_optional(pool)
        .await)?)
}

/// Filters of the projects list.
#[derive(Debug, Default, Clone)]
pub struct ProjectFilter<'a> {
    pub organization: Option<DbId>,
    pub team: Option<DbId>,
    pub status: Option<&'a str>,
    /// Part of the name, any case.
    pub text: Option<&'a str>,
    /// The id the previous page ended at (newest first).
    pub before: Option<DbId>,
}

/// The projects `user` may see, newest first: every project of the organizations where
/// they are staff (owner, admin, member), and, where they are a client, the projects they
/// are on.
///
/// The statement walks projects newest first and checks each against the user's
/// membership (an index lookup), so a page stops after `limit` rows instead of sorting
/// every visible project; with an organization it walks that organization's index. Only
/// the filters given appear in the text (an `$n IS NULL OR …` clause would keep SQLite
/// from using an index); every value is still bound, `$7` last, so the numbering holds.
pub async fn page(
    db: &Db,
    user: DbId,
    filter: &ProjectFilter<'_>,
    limit: i64,
) -> Result<Vec<VisibleProject>, StoreError> {
    let mut conditions = String::new();
    for (present, condition) in [
        (filter.organization.is_some(), " AND p.organization_id = $2"),
        (filter.team.is_some(), " AND p.team_id = $3"),
        (filter.status.is_some(), " AND p.status = $4"),
        (
            filter.text.is_some(),
            " AND LOWER(p.name) LIKE $5 ESCAPE '\\'",
        ),
        (filter.before.is_some(), " AND p.id < $6"),
    ] {
        if present {
            conditions.push_str(condition);
        }
    }
    // CROSS JOIN fixes SQLite's join order (projects first, in id order); PostgreSQL
    // plans it like any inner join.
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, m.role AS org_role, pm.role AS project_role FROM projects p \
         CROSS JOIN organization_members m \
         LEFT JOIN project_members pm ON pm.project_id = p.id AND pm.user_id = $1 \
         WHERE m.organization_id = p.organization_id AND m.user_id = $1 \
         AND (m.role <> 'client' OR pm.role IS NOT NULL){conditions} \
         ORDER BY p.id DESC LIMIT $7"
    ));
    let text = filter.text.map(crate::like::pattern);
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(user)
        .bind(filter.organization)
        .bind(filter.team)
        .bind(filter.status)
        .bind(text.as_deref())
        .bind(filter.before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// A change to a project; `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Default)]
pub struct ProjectChange<'a> {
    pub name: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
    pub status: Option<&'a str>,
    pub priority: Option<&'a str>,
    pub start_date: Option<Option<NaiveDate>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub team: Option<Option<DbId>>,
}

pub async fn update(
    db: &Db,
    id: DbId,
    change: &ProjectChange<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE projects SET name = COALESCE($2, name), \
         description = CASE WHEN $3 THEN $4 ELSE description END, \
         status = COALESCE($5, status), priority = COALESCE($6, priority), \
         start_date = CASE WHEN $7 THEN $8 ELSE start_date END, \
         due_date = CASE WHEN $9 THEN $10 ELSE due_date END, \
         team_id = CASE WHEN $11 THEN $12 ELSE team_id END, updated_at = $13 WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(change.name)
        .bind(change.description.is_some())
        .bind(change.description.flatten())
        .bind(change.status)
        .bind(change.priority)
        .bind(change.start_date.is_some())
        .bind(change.start_date.flatten())
        .bind(change.due_date.is_some())
        .bind(change.due_date.flatten())
        .bind(change.team.is_some())
        .bind(change.team.flatten())
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn delete(db: &Db, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM projects WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// The ids of an organization's projects (to close their live rooms when it is deleted).
pub async fn ids_in(db: &Db, organization: DbId) -> Result<Vec<DbId>, StoreError> {
    const SQL: &str = "SELECT id FROM projects WHERE organization_id = $1";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(organization)
        .fetch_all(pool)
        .await)?)
}
