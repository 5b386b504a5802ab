//! What tables and columns a database holds, read from its catalogue. Used by the
//! database status report and by the test that proves both backends end up alike.

use std::collections::BTreeMap;

use crate::{Db, read_with};

/// A column as both catalogues can describe it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub name: String,
    pub nullable: bool,
}

const SQLITE_TABLES: &str = "SELECT name FROM sqlite_master \
     WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
const POSTGRES_TABLES: &str = "SELECT table_name::text FROM information_schema.tables \
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";

/// The user tables of the database, sorted by name.
pub async fn tables(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let sql = match db {
        Db::Sqlite(_) => SQLITE_TABLES,
        Db::Postgres(_) => POSTGRES_TABLES,
    };
    read_with!(db, |pool| sqlx::query_scalar(sql).fetch_all(pool).await)
}

pub async fn table_exists(db: &Db, table: &str) -> Result<bool, sqlx::Error> {
    Ok(tables(db).await?.iter().any(|t| t == table))
}

#[derive(sqlx::FromRow)]
struct ColumnRow {
    table_name: String,
    column_name: String,
    nullable: bool,
}

/// Full-text search is built the way each engine does it: FTS5 tables keyed by a
/// `search_id` rowid on SQLite, a `search` tsvector column on PostgreSQL. Those are an
/// index, not data, so [`describe`] leaves them out and everything else must match.
fn is_search_index(table: &str, column: &str) -> bool {
    table.contains("_fts") || (table == "messages" && matches!(column, "search" | "search_id"))
}

/// Every table with its columns (sorted by column name, so backends compare equal when
/// they hold the same columns whatever order the DDL listed them in), the search index
/// aside.
pub async fn describe(db: &Db) -> Result<BTreeMap<String, Vec<Column>>, sqlx::Error> {
    let rows: Vec<ColumnRow> = match db {
        Db::Sqlite(s) => {
            sqlx::query_as(
                "SELECT m.name AS table_name, p.name AS column_name, \
                 (p.\"notnull\" = 0 AND p.pk = 0) AS nullable \
                 FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(&s.reader)
            .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_as(
                "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                 (is_nullable = 'YES') AS nullable \
                 FROM information_schema.columns WHERE table_schema = current_schema()",
            )
            .fetch_all(pool)
            .await?
        }
    };
    let mut schema: BTreeMap<String, Vec<Column>> = BTreeMap::new();
    for row in rows {
        if is_search_index(&row.table_name, &row.column_name) {
            continue;
        }
        schema.entry(row.table_name).or_default().push(Column {
            name: row.column_name,
            nullable: row.nullable,
        });
    }
    for columns in schema.values_mut() {
        columns.sort();
    }
    Ok(schema)
}
