//! What the database's catalogue declares: its foreign keys and primary keys.

use std::collections::BTreeMap;

use super::snapshot::Snapshot;
use crate::{Backend, Db, StoreError};

/// The database's foreign keys, one row per column pair:
/// (table, key name, position, column, parent table, parent column).
pub(super) const SQLITE_FOREIGN_KEYS: &str = "SELECT m.name, CAST(f.id AS TEXT), f.seq, f.\"from\", \
     f.\"table\", f.\"to\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, f.id, f.seq";
pub(super) const POSTGRES_FOREIGN_KEYS: &str = "SELECT cl.relname::text, con.conname::text, k.ord, \
     a.attname::text, pcl.relname::text, pa.attname::text \
     FROM pg_constraint con \
     JOIN pg_class cl ON cl.oid = con.conrelid \
     JOIN pg_namespace n ON n.oid = cl.relnamespace \
     JOIN pg_class pcl ON pcl.oid = con.confrelid \
     CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord) \
     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum \
     JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.fattnum \
     WHERE con.contype = 'f' AND n.nspname = current_schema() \
     ORDER BY cl.relname, con.conname, k.ord";

/// Primary key columns, in order: (table, column).
pub(super) const SQLITE_PRIMARY_KEYS: &str = "SELECT m.name, p.name FROM sqlite_master m \
     JOIN pragma_table_info(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.pk > 0 ORDER BY m.name, p.pk";
pub(super) const POSTGRES_PRIMARY_KEYS: &str = "SELECT cl.relname::text, a.attname::text FROM pg_index i \
     JOIN pg_class cl ON cl.oid = i.indrelid \
     JOIN pg_namespace n ON n.oid = cl.relnamespace \
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
     WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY cl.relname, k.ord";

/// Tables with an `id` column (shown rather than SQLite's `search_id` rowid, say).
pub(super) const SQLITE_ID_TABLES: &str = "SELECT m.name FROM sqlite_master m \
     JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'id'";
pub(super) const POSTGRES_ID_TABLES: &str = "SELECT table_name::text FROM information_schema.columns \
     WHERE table_schema = current_schema() AND column_name = 'id'";

/// A declared foreign key, possibly over several columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub table: String,
    pub columns: Vec<String>,
    pub parent: String,
    pub parent_columns: Vec<String>,
}

impl ForeignKey {
    /// `messages.conversation_id → conversations.id`.
    pub fn rule(&self) -> String {
        format!(
            "{}.{} → {}.{}",
            self.table,
            self.columns.join("+"),
            self.parent,
            self.parent_columns.join("+")
        )
    }
}

/// The foreign keys the database declares, in table order.
pub async fn foreign_keys(db: &Db) -> Result<Vec<ForeignKey>, StoreError> {
    let mut snapshot = Snapshot::begin(db).await?;
    let keys = foreign_keys_in(&mut snapshot).await?;
    snapshot.finish().await?;
    Ok(keys)
}

pub(super) async fn foreign_keys_in(
    snapshot: &mut Snapshot,
) -> Result<Vec<ForeignKey>, sqlx::Error> {
    let sql = match snapshot.backend() {
        Backend::Sqlite => SQLITE_FOREIGN_KEYS,
        Backend::Postgres => POSTGRES_FOREIGN_KEYS,
    };
    type Row = (String, String, i64, String, String, Option<String>);
    let rows: Vec<Row> = snapshot.rows(sql.to_owned()).await?;
    let primary = primary_keys(snapshot).await?;
    let mut keys: Vec<ForeignKey> = Vec::new();
    let mut last: Option<(String, String)> = None;
    for (table, name, _, column, parent, parent_column) in rows {
        let same = last
            .as_ref()
            .is_some_and(|(t, n)| *t == table && *n == name);
        // SQLite leaves `to` empty for a key naming no column: the parent's primary key.
        let parent_column = parent_column.unwrap_or_else(|| {
            primary
                .get(&parent)
                .and_then(|columns| columns.first().cloned())
                .unwrap_or_else(|| "rowid".to_owned())
        });
        match keys.last_mut() {
            Some(key) if same => {
                key.columns.push(column);
                key.parent_columns.push(parent_column);
            }
            _ => keys.push(ForeignKey {
                table: table.clone(),
                columns: vec![column],
                parent,
                parent_columns: vec![parent_column],
            }),
        }
        last = Some((table, name));
    }
    Ok(keys)
}

pub(super) async fn primary_keys(
    snapshot: &mut Snapshot,
) -> Result<BTreeMap<String, Vec<String>>, sqlx::Error> {
    let sql = match snapshot.backend() {
        Backend::Sqlite => SQLITE_PRIMARY_KEYS,
        Backend::Postgres => POSTGRES_PRIMARY_KEYS,
    };
    let rows: Vec<(String, String)> = snapshot.rows(sql.to_owned()).await?;
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in rows {
        keys.entry(table).or_default().push(column);
    }
    Ok(keys)
}

/// The columns that name a row of each table in the report: `id` where there is one,
/// else the primary key.
pub(super) async fn row_keys(
    snapshot: &mut Snapshot,
) -> Result<BTreeMap<String, Vec<String>>, sqlx::Error> {
    let mut keys = primary_keys(snapshot).await?;
    let sql = match snapshot.backend() {
        Backend::Sqlite => SQLITE_ID_TABLES,
        Backend::Postgres => POSTGRES_ID_TABLES,
    };
    let with_id: Vec<(String,)> = snapshot.rows(sql.to_owned()).await?;
    for (table,) in with_id {
        keys.insert(table, vec!["id".to_owned()]);
    }
    Ok(keys)
}
