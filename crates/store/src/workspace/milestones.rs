//! Milestones of a project, with their progress computed from the tasks attached to them.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MilestoneRow {
    pub id: DbId,
    pub project_id: DbId,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Tasks attached to it.
    pub task_count: i64,
    /// Of which done.
    pub done_count: i64,
}

const SELECT: &str = "SELECT m.id, m.project_id, m.title, m.description, m.due_date, \
     m.created_by, m.created_at, m.updated_at, \
     (SELECT COUNT(*) FROM tasks t WHERE t.milestone_id = m.id) AS task_count, \
     (SELECT COUNT(*) FROM tasks t WHERE t.milestone_id = m.id AND t.status = 'done') AS done_count \
     FROM milestones m";

pub async fn insert(
    db: &Db,
    project: DbId,
    title: &str,
    description: Option<&str>,
    due_date: Option<NaiveDate>,
    created_by: DbId,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const SQL: &str = "INSERT INTO milestones (id, project_id, title, description, due_date, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)";
    let id = DbId::new();
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(project)
        .bind(title)
        .bind(description)
        .bind(due_date)
        .bind(created_by)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// A project's milestones by due date (undated last).
pub async fn of_project(db: &Db, project: DbId) -> Result<Vec<MilestoneRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.project_id = $1 ORDER BY m.due_date IS NULL, m.due_date, m.id"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(project)
        .fetch_all(pool)
        .await)?)
}

pub async fn by_id(db: &Db, project: DbId, id: DbId) -> Result<Option<MilestoneRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE m.id = $1 AND m.project_id = $2"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(project)
        .fetch_optional(pool)
        .await)?)
}

pub async fn update(
    db: &Db,
    project: DbId,
    id: DbId,
    title: Option<&str>,
    description: Option<Option<&str>>,
    due_date: Option<Option<NaiveDate>>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE milestones SET title = COALESCE($3, title), \
         description = CASE WHEN $4 THEN $5 ELSE description END, \
         due_date = CASE WHEN $6 THEN $7 ELSE due_date END, updated_at = $8 \
         WHERE id = $1 AND project_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(project)
        .bind(title)
        .bind(description.is_some())
        .bind(description.flatten())
        .bind(due_date.is_some())
        .bind(due_date.flatten())
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

pub async fn delete(db: &Db, project: DbId, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM milestones WHERE id = $1 AND project_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(project)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
