//! Files attached to tasks: both of one project (the caller checks), each pair once.

use chrono::{DateTime, Utc};

use crate::{Db, DbId, StoreError, files::ListedFile, read_with, write_with};

/// An attached file with its newest version, and the task it is attached to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskFileRow {
    pub task_id: DbId,
    #[sqlx(flatten)]
    pub listed: ListedFile,
}

/// Attaches `file` to `task`. False when it already was.
pub async fn attach(
    db: &Db,
    task: DbId,
    file: DbId,
    by: DbId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO task_files (task_id, file_id, attached_by, attached_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (task_id, file_id) DO NOTHING";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(task)
        .bind(file)
        .bind(by)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Takes `file` off `task`. False when it was not on it.
pub async fn detach(db: &Db, task: DbId, file: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM task_files WHERE task_id = $1 AND file_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(task)
        .bind(file)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Every file attached to a task of `project`, by task and then in the order attached;
/// with `task`, that task's only.
pub async fn of_project(
    db: &Db,
    project: DbId,
    task: Option<DbId>,
) -> Result<Vec<TaskFileRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT tf.task_id, listed.* FROM task_files tf JOIN ({}) listed \
         ON listed.id = tf.file_id WHERE listed.project_id = $1 AND ($2 IS NULL OR tf.task_id = $2) \
         ORDER BY tf.task_id, tf.attached_at, tf.file_id",
        crate::files::LISTED
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(project)
        .bind(task)
        .fetch_all(pool)
        .await)?)
}
