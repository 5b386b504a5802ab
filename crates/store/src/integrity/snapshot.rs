//! One read-only snapshot of the database, and the queries every check builds on it.

use sqlx::{FromRow, postgres::PgRow, sqlite::SqliteRow};

use super::report::{EXAMPLES, Finding};
use crate::{Backend, Begin, Db};

/// One read-only snapshot, on whichever engine runs.
pub(super) enum Snapshot {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Snapshot {
    pub(super) async fn begin(db: &Db) -> Result<Self, sqlx::Error> {
        Ok(match db {
            Db::Sqlite(s) => Self::Sqlite(s.reader.begin_snapshot().await?),
            Db::Postgres(pool) => Self::Postgres(pool.begin_snapshot().await?),
        })
    }

    pub(super) fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    pub(super) async fn rows<T>(&mut self, sql: String) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
    {
        let sql = sqlx::AssertSqlSafe(sql);
        match self {
            Self::Sqlite(tx) => sqlx::query_as(sql).fetch_all(&mut **tx).await,
            Self::Postgres(tx) => sqlx::query_as(sql).fetch_all(&mut **tx).await,
        }
    }

    pub(super) async fn count(&mut self, sql: String) -> Result<i64, sqlx::Error> {
        let rows: Vec<(i64,)> = self.rows(sql).await?;
        Ok(rows.first().map_or(0, |row| row.0))
    }

    pub(super) async fn finish(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.commit().await,
            Self::Postgres(tx) => tx.commit().await,
        }
    }
}

/// `"name"`: an identifier from the catalogue, quoted.
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL expression rendering `columns` of row `c` as `a=…, b=…`.
pub(super) fn shown(columns: &[impl AsRef<str>]) -> String {
    columns
        .iter()
        .map(|column| {
            let column = column.as_ref();
            format!(
                "'{}=' || COALESCE(CAST(c.{} AS TEXT), 'NULL')",
                column.replace('\'', "''"),
                ident(column)
            )
        })
        .collect::<Vec<_>>()
        .join(" || ', ' || ")
}

/// The rows of `table` (as `c`) matching `when`: their count and a few, shown as `show`.
pub(super) async fn offending(
    snapshot: &mut Snapshot,
    rule: String,
    table: &str,
    show: String,
    when: &str,
) -> Result<Option<Finding>, sqlx::Error> {
    let from = format!("FROM {} c WHERE {when}", ident(table));
    let rows: Vec<(String,)> = snapshot
        .rows(format!(
            "SELECT {show} {from} ORDER BY 1 LIMIT {}",
            EXAMPLES + 1
        ))
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let count = if rows.len() > EXAMPLES {
        snapshot.count(format!("SELECT COUNT(*) {from}")).await?
    } else {
        rows.len() as i64
    };
    Ok(Some(Finding {
        rule,
        count,
        examples: rows
            .into_iter()
            .take(EXAMPLES)
            .map(|(row,)| format!("{table} ({row})"))
            .collect(),
    }))
}
