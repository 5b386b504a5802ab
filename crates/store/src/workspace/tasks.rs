//! Tasks on a project's board. A task's column is its status; within a column, tasks are
//! ordered by `position`, spaced `GAP` apart so a move usually rewrites one row. Moves run
//! in a transaction that holds the project's board (SQLite's single writer; an advisory
//! lock on PostgreSQL), so concurrent moves never interleave and the order stays total.

use chrono::{DateTime, NaiveDate, Utc};

use fluxstudio_domain::{Priority, TaskStatus};

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

/// The space left between neighbours.
pub const GAP: i64 = 1024;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskRow {
    pub id: DbId,
    pub project_id: DbId,
    pub milestone_id: Option<DbId>,
    pub title: String,
    pub description: Option<String>,
    pub status: TaskStatus,
    pub priority: Priority,
    pub position: i64,
    pub assignee_id: Option<DbId>,
    pub due_date: Option<NaiveDate>,
    pub tags: sqlx::types::Json<Vec<String>>,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, project_id, milestone_id, title, description, status, priority, \
     position, assignee_id, due_date, tags, created_by, created_at, updated_at, completed_at";

pub struct NewTask<'a> {
    pub project: DbId,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub status: &'a str,
    pub priority: &'a str,
    pub assignee: Option<DbId>,
    pub milestone: Option<DbId>,
    pub due_date: Option<NaiveDate>,
    pub tags: &'a [String],
    pub created_by: DbId,
}

/// Serialises writes to one project's board on PostgreSQL (SQLite's writer already does).
const BOARD_LOCK: &str = "SELECT pg_advisory_xact_lock(hashtextextended(CAST($1 AS TEXT), 0))";

/// Adds a task at the bottom of its column.
pub async fn insert(db: &Db, new: &NewTask<'_>, now: DateTime<Utc>) -> Result<DbId, StoreError> {
    const LAST: &str =
        "SELECT COALESCE(MAX(position), 0) FROM tasks WHERE project_id = $1 AND status = $2";
    const INSERT: &str = "INSERT INTO tasks (id, project_id, milestone_id, title, description, \
         status, priority, position, assignee_id, due_date, tags, created_by, created_at, \
         updated_at, completed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)";
    let id = DbId::new();
    let completed = (new.status == "done").then_some(now);
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        if matches!(db, Db::Postgres(_)) {
            sqlx::query(BOARD_LOCK)
                .bind(new.project)
                .execute(&mut *tx)
                .await?;
        }
        let last: i64 = sqlx::query_scalar(LAST)
            .bind(new.project)
            .bind(new.status)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(INSERT)
            .bind(id)
            .bind(new.project)
            .bind(new.milestone)
            .bind(new.title)
            .bind(new.description)
            .bind(new.status)
            .bind(new.priority)
            .bind(last + GAP)
            .bind(new.assignee)
            .bind(new.due_date)
            .bind(sqlx::types::Json(new.tags))
            .bind(new.created_by)
            .bind(now)
            .bind(completed)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })?;
    Ok(id)
}

/// Every task of a project, column by column, in board order.
pub async fn board(db: &Db, project: DbId) -> Result<Vec<TaskRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM tasks WHERE project_id = $1 ORDER BY \
         CASE status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'review' THEN 2 \
         WHEN 'done' THEN 3 ELSE 4 END, position, id"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(project)
        .fetch_all(pool)
        .await)?)
}

pub async fn by_id(db: &Db, project: DbId, id: DbId) -> Result<Option<TaskRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM tasks WHERE id = $1 AND project_id = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(project)
        .fetch_optional(pool)
        .await)?)
}

/// A change to a task's fields (its place on the board changes through [`move_to`]).
#[derive(Debug, Default)]
pub struct TaskChange<'a> {
    pub title: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
    pub priority: Option<&'a str>,
    pub assignee: Option<Option<DbId>>,
    pub milestone: Option<Option<DbId>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub tags: Option<&'a [String]>,
}

pub async fn update(
    db: &Db,
    project: DbId,
    id: DbId,
    change: &TaskChange<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE tasks SET title = COALESCE($3, title), \
         description = CASE WHEN $4 THEN $5 ELSE description END, \
         priority = COALESCE($6, priority), \
         assignee_id = CASE WHEN $7 THEN $8 ELSE assignee_id END, \
         milestone_id = CASE WHEN $9 THEN $10 ELSE milestone_id END, \
         due_date = CASE WHEN $11 THEN $12 ELSE due_date END, \
         tags = CASE WHEN $13 THEN $14 ELSE tags END, updated_at = $15 \
         WHERE id = $1 AND project_id = $2";
    let tags = change.tags.map(sqlx::types::Json);
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(project)
        .bind(change.title)
        .bind(change.description.is_some())
        .bind(change.description.flatten())
        .bind(change.priority)
        .bind(change.assignee.is_some())
        .bind(change.assignee.flatten())
        .bind(change.milestone.is_some())
        .bind(change.milestone.flatten())
        .bind(change.due_date.is_some())
        .bind(change.due_date.flatten())
        .bind(tags.is_some())
        .bind(tags)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Moves a task to column `status`, at `index` among the column's other tasks (clamped
/// to the column's length). When its neighbours leave no gap, the column is renumbered
/// first. Returns false when the task does not exist.
pub async fn move_to(
    db: &Db,
    project: DbId,
    id: DbId,
    status: &str,
    index: usize,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const COLUMN: &str = "SELECT id, position FROM tasks WHERE project_id = $1 AND status = $2 \
         AND id <> $3 ORDER BY position, id";
    const RENUMBER: &str = "UPDATE tasks SET position = $2 WHERE id = $1";
    const PLACE: &str = "UPDATE tasks SET status = $3, position = $4, updated_at = $5, \
         completed_at = CASE WHEN $3 = 'done' THEN COALESCE(completed_at, $5) ELSE NULL END \
         WHERE id = $1 AND project_id = $2";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        if matches!(db, Db::Postgres(_)) {
            sqlx::query(BOARD_LOCK)
                .bind(project)
                .execute(&mut *tx)
                .await?;
        }
        let mut column: Vec<(DbId, i64)> = sqlx::query_as(COLUMN)
            .bind(project)
            .bind(status)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        let index = index.min(column.len());
        let position = match slot(&column, index) {
            Some(position) => position,
            None => {
                // No room between the neighbours: space the whole column out again.
                for (n, (task, position)) in column.iter_mut().enumerate() {
                    *position = (n as i64 + 1) * GAP;
                    sqlx::query(RENUMBER)
                        .bind(*task)
                        .bind(*position)
                        .execute(&mut *tx)
                        .await?;
                }
                slot(&column, index).unwrap_or(GAP)
            }
        };
        let placed = sqlx::query(PLACE)
            .bind(id)
            .bind(project)
            .bind(status)
            .bind(position)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if placed == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok::<_, StoreError>(true)
    })
}

/// A free position at `index` of `column` (sorted, without the moving task), if any.
fn slot(column: &[(DbId, i64)], index: usize) -> Option<i64> {
    let before = index.checked_sub(1).map(|i| column[i].1);
    let after = column.get(index).map(|&(_, p)| p);
    match (before, after) {
        (None, None) => Some(GAP),
        (None, Some(after)) => (after > 1).then_some(after / 2),
        (Some(before), None) => Some(before + GAP),
        (Some(before), Some(after)) => (after - before > 1).then(|| before + (after - before) / 2),
    }
}

pub async fn delete(db: &Db, project: DbId, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM tasks WHERE id = $1 AND project_id = $2";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(project)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(positions: &[i64]) -> Vec<(DbId, i64)> {
        positions.iter().map(|&p| (DbId::new(), p)).collect()
    }

    #[test]
    fn slots_fall_between_neighbours_or_ask_for_room() {
        assert_eq!(slot(&column(&[]), 0), Some(GAP));
        assert_eq!(slot(&column(&[1024, 2048]), 0), Some(512));
        assert_eq!(slot(&column(&[1024, 2048]), 1), Some(1536));
        assert_eq!(slot(&column(&[1024, 2048]), 2), Some(3072));
        assert_eq!(
            slot(&column(&[5, 6]), 1),
            None,
            "no integer between 5 and 6"
        );
        assert_eq!(slot(&column(&[1, 6]), 0), None, "nothing below 1 but 0");
    }
}
