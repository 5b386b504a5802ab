//! Who works on a project, and as what (lead, editor, reviewer, viewer).

use chrono::{DateTime, Utc};

use fluxstudio_domain::ProjectRole;

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProjectMemberRow {
    pub user_id: DbId,
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub role: ProjectRole,
    pub added_at: DateTime<Utc>,
}

pub async fn list(db: &Db, project: DbId) -> Result<Vec<ProjectMemberRow>, StoreError> {
    const SQL: &str = "SELECT pm.user_id, u.name, u.email, u.avatar_url, pm.role, pm.added_at \
         FROM project_members pm JOIN users u ON u.id = pm.user_id WHERE pm.project_id = $1 \
         ORDER BY pm.added_at, pm.user_id";
    Ok(read_with!(db, |pool| sqlx::query_as(SQL)
        .bind(project)
        .fetch_all(pool)
        .await)?)
}

pub async fn role_of(db: &Db, project: DbId, user: DbId) -> Result<Option<String>, StoreError> {
    const SQL: &str = "SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(project)
        .bind(user)
        .fetch_optional(pool)
        .await)?)
}

/// Adds `user` with `role`, or changes their role when already on the project.
pub async fn upsert(
    db: &Db,
    project: DbId,
    user: DbId,
    role: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO project_members (project_id, user_id, role, added_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(project)
        .bind(user)
        .bind(role)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Takes `user` off the project, and off its tasks they were assigned (an assignee must
/// be on the project). False when they were not on it.
pub async fn remove(db: &Db, project: DbId, user: DbId) -> Result<bool, StoreError> {
    const ASSIGNMENTS: &str =
        "UPDATE tasks SET assignee_id = NULL WHERE project_id = $1 AND assignee_id = $2";
    const MEMBER: &str = "DELETE FROM project_members WHERE project_id = $1 AND user_id = $2";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(ASSIGNMENTS)
            .bind(project)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query(MEMBER)
            .bind(project)
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok::<_, StoreError>(done > 0)
    })
}

/// How many leads the project has (it keeps at least one).
pub async fn leads(db: &Db, project: DbId) -> Result<i64, StoreError> {
    const SQL: &str =
        "SELECT COUNT(*) FROM project_members WHERE project_id = $1 AND role = 'lead'";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(project)
        .fetch_one(pool)
        .await)?)
}
