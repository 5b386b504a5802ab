//! `fluxstudio admin check`: what must hold between rows, checked in one read-only snapshot
//! of the database (so a server running meanwhile cannot make it report a half-done write).
//!
//! - **orphans**: rows whose parent is gone, for every foreign key the database declares
//!   (read from its catalogue, so a new migration's keys are checked without a change here:
//!   SQLite enforces them only on connections that ask, and the `sqlite3` shell does not)
//!   and for the references no key enforces ([`UNDECLARED`]).
//! - **scope**: references whose parent exists but belongs elsewhere (a reply to a message
//!   of another conversation, a task's milestone of another project) and people holding a
//!   part where they are no longer members (an assignee off the project, a project role or
//!   a team outside the organization) ([`SCOPED`]).
//! - **message-seq**: each conversation's messages are numbered 1…`last_seq`, each number
//!   once, and nobody has read past the newest.
//! - **board-positions**: no two tasks share a position in a column (project and status).
//! - **document-updates**: each document's stored updates are numbered exactly
//!   `state_seq`+1…`last_seq` (none lost, none left behind by a compaction), and its
//!   history's versions are of updates it has stored. Update rows whose document is gone
//!   are orphans (`document_updates.document_id → documents.id`).
//!
//! Left out on purpose: `security_events.session_id` (sessions are purged, the audit log
//! stays), `activities.entity_id` (the feed outlives what it names; it keeps the title),
//! and the people named inside JSON (`messages.mentions`, `task_comments.mentions`,
//! `notifications.data`), which are text a person wrote about, not references.

use std::collections::BTreeMap;

use sqlx::{FromRow, postgres::PgRow, sqlite::SqliteRow};

use crate::{Backend, Begin, Db, StoreError};

/// Rows shown per finding; the count says how many there are in all.
pub const EXAMPLES: usize = 10;

/// Problems found by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule broken, e.g. `messages.conversation_id → conversations.id`.
    pub rule: String,
    /// How many rows (conversations, positions, documents) break it.
    pub count: i64,
    /// Up to [`EXAMPLES`] of them, one line each.
    pub examples: Vec<String>,
}

/// One check of the report.
#[derive(Debug, Clone)]
pub struct Check {
    /// Its name in the report: `orphans`, `scope`, `message-seq`, …
    pub name: &'static str,
    /// What it looks for, for a person reading the report.
    pub looks_for: &'static str,
    /// What it went through, e.g. "57 relations" or "12 conversations, 340 messages".
    pub examined: String,
    pub findings: Vec<Finding>,
}

impl Check {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub backend: Backend,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.checks.iter().all(Check::is_clean)
    }
}

/// A reference no declared foreign key enforces: `when` selects the rows of `table`
/// (as `c`) that break it.
struct Rule {
    rule: &'static str,
    table: &'static str,
    /// Columns shown for each offending row.
    show: &'static [&'static str],
    when: Sql,
}

enum Sql {
    Both(&'static str),
    PerBackend {
        sqlite: &'static str,
        postgres: &'static str,
    },
}

impl Sql {
    fn get(&self, backend: Backend) -> &'static str {
        match (self, backend) {
            (Self::Both(sql), _) => sql,
            (Self::PerBackend { sqlite, .. }, Backend::Sqlite) => sqlite,
            (Self::PerBackend { postgres, .. }, Backend::Postgres) => postgres,
        }
    }
}

/// References that are ids in a column without a declared key, and so whose parent can go
/// without the database noticing.
const UNDECLARED: &[Rule] = &[
    Rule {
        rule: "conversations.activity_id → one of the conversation's messages, or itself",
        table: "conversations",
        show: &["id", "activity_id"],
        when: Sql::Both(
            "c.activity_id <> c.id AND NOT EXISTS (SELECT 1 FROM messages p \
             WHERE p.id = c.activity_id AND p.conversation_id = c.id)",
        ),
    },
    Rule {
        rule: "conversations.id of a project's channel → its project (the same id)",
        table: "conversations",
        show: &["id", "project_id"],
        when: Sql::Both("c.kind = 'project' AND (c.project_id IS NULL OR c.project_id <> c.id)"),
    },
    Rule {
        rule: "projects.id → the project's channel (conversations.id)",
        table: "projects",
        show: &["id"],
        when: Sql::Both(
            "NOT EXISTS (SELECT 1 FROM conversations p WHERE p.id = c.id AND p.kind = 'project')",
        ),
    },
    Rule {
        rule: "conversations.direct_key → the two people (users.id)",
        table: "conversations",
        show: &["id", "direct_key"],
        when: Sql::PerBackend {
            sqlite: "c.direct_key IS NOT NULL AND (\
                 substr(c.direct_key, 1, instr(c.direct_key, ':') - 1) NOT IN (SELECT id FROM users) \
                 OR substr(c.direct_key, instr(c.direct_key, ':') + 1) NOT IN (SELECT id FROM users))",
            postgres: "c.direct_key IS NOT NULL AND (\
                 split_part(c.direct_key, ':', 1) NOT IN (SELECT CAST(id AS TEXT) FROM users) \
                 OR split_part(c.direct_key, ':', 2) NOT IN (SELECT CAST(id AS TEXT) FROM users))",
        },
    },
];

/// References whose parent must be in the same place as the row, and parts people may
/// hold only as members. Rows whose parent is gone altogether are orphans, not listed here.
const SCOPED: &[Rule] = &[
    Rule {
        rule: "messages.parent_id → a message of the same conversation",
        table: "messages",
        show: &["id", "conversation_id", "parent_id"],
        when: Sql::Both(
            "c.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM messages p \
             WHERE p.id = c.parent_id AND p.conversation_id <> c.conversation_id)",
        ),
    },
    Rule {
        rule: "tasks.milestone_id → a milestone of the task's project",
        table: "tasks",
        show: &["id", "project_id", "milestone_id"],
        when: Sql::Both(
            "c.milestone_id IS NOT NULL AND EXISTS (SELECT 1 FROM milestones p \
             WHERE p.id = c.milestone_id AND p.project_id <> c.project_id)",
        ),
    },
    Rule {
        rule: "projects.team_id → a team of the project's organization",
        table: "projects",
        show: &["id", "organization_id", "team_id"],
        when: Sql::Both(
            "c.team_id IS NOT NULL AND EXISTS (SELECT 1 FROM teams p \
             WHERE p.id = c.team_id AND p.organization_id <> c.organization_id)",
        ),
    },
    Rule {
        rule: "activities.project_id → a project of the activity's organization",
        table: "activities",
        show: &["id", "organization_id", "project_id"],
        when: Sql::Both(
            "c.project_id IS NOT NULL AND EXISTS (SELECT 1 FROM projects p \
             WHERE p.id = c.project_id AND p.organization_id <> c.organization_id)",
        ),
    },
    Rule {
        rule: "tasks.assignee_id → a member of the task's project (project_members)",
        table: "tasks",
        show: &["id", "project_id", "assignee_id"],
        when: Sql::Both(
            "c.assignee_id IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = c.assignee_id) \
             AND NOT EXISTS (SELECT 1 FROM project_members p \
             WHERE p.project_id = c.project_id AND p.user_id = c.assignee_id)",
        ),
    },
    Rule {
        rule: "project_members.user_id → a member of the project's organization",
        table: "project_members",
        show: &["project_id", "user_id"],
        when: Sql::Both(
            "EXISTS (SELECT 1 FROM projects x WHERE x.id = c.project_id) \
             AND NOT EXISTS (SELECT 1 FROM projects x JOIN organization_members p \
             ON p.organization_id = x.organization_id \
             WHERE x.id = c.project_id AND p.user_id = c.user_id)",
        ),
    },
    Rule {
        rule: "team_members.user_id → a member of the team's organization",
        table: "team_members",
        show: &["team_id", "user_id"],
        when: Sql::Both(
            "EXISTS (SELECT 1 FROM teams x WHERE x.id = c.team_id) \
             AND NOT EXISTS (SELECT 1 FROM teams x JOIN organization_members p \
             ON p.organization_id = x.organization_id \
             WHERE x.id = c.team_id AND p.user_id = c.user_id)",
        ),
    },
];

/// The database's foreign keys, one row per column pair:
/// (table, key name, position, column, parent table, parent column).
const SQLITE_FOREIGN_KEYS: &str = "SELECT m.name, CAST(f.id AS TEXT), f.seq, f.\"from\", \
     f.\"table\", f.\"to\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, f.id, f.seq";
const POSTGRES_FOREIGN_KEYS: &str = "SELECT cl.relname::text, con.conname::text, k.ord, \
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
const SQLITE_PRIMARY_KEYS: &str = "SELECT m.name, p.name FROM sqlite_master m \
     JOIN pragma_table_info(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.pk > 0 ORDER BY m.name, p.pk";
const POSTGRES_PRIMARY_KEYS: &str = "SELECT cl.relname::text, a.attname::text FROM pg_index i \
     JOIN pg_class cl ON cl.oid = i.indrelid \
     JOIN pg_namespace n ON n.oid = cl.relnamespace \
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
     WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY cl.relname, k.ord";

/// Tables with an `id` column (shown rather than SQLite's `search_id` rowid, say).
const SQLITE_ID_TABLES: &str = "SELECT m.name FROM sqlite_master m \
     JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'id'";
const POSTGRES_ID_TABLES: &str = "SELECT table_name::text FROM information_schema.columns \
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

/// One read-only snapshot, on whichever engine runs.
enum Snapshot {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Snapshot {
    async fn begin(db: &Db) -> Result<Self, sqlx::Error> {
        Ok(match db {
            Db::Sqlite(s) => Self::Sqlite(s.reader.begin_snapshot().await?),
            Db::Postgres(pool) => Self::Postgres(pool.begin_snapshot().await?),
        })
    }

    fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    async fn rows<T>(&mut self, sql: String) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
    {
        let sql = sqlx::AssertSqlSafe(sql);
        match self {
            Self::Sqlite(tx) => sqlx::query_as(sql).fetch_all(&mut **tx).await,
            Self::Postgres(tx) => sqlx::query_as(sql).fetch_all(&mut **tx).await,
        }
    }

    async fn count(&mut self, sql: String) -> Result<i64, sqlx::Error> {
        let rows: Vec<(i64,)> = self.rows(sql).await?;
        Ok(rows.first().map_or(0, |row| row.0))
    }

    async fn finish(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.commit().await,
            Self::Postgres(tx) => tx.commit().await,
        }
    }
}

/// Runs every check in one snapshot.
pub async fn check(db: &Db) -> Result<Report, StoreError> {
    let mut snapshot = Snapshot::begin(db).await?;
    let keys = row_keys(&mut snapshot).await?;
    let foreign_keys = foreign_keys_in(&mut snapshot).await?;
    let checks = vec![
        orphans(&mut snapshot, &keys, &foreign_keys).await?,
        scope(&mut snapshot).await?,
        message_numbers(&mut snapshot).await?,
        board_positions(&mut snapshot).await?,
        document_updates(&mut snapshot).await?,
    ];
    snapshot.finish().await?;
    Ok(Report {
        backend: db.backend(),
        checks,
    })
}

/// The foreign keys the database declares, in table order.
pub async fn foreign_keys(db: &Db) -> Result<Vec<ForeignKey>, StoreError> {
    let mut snapshot = Snapshot::begin(db).await?;
    let keys = foreign_keys_in(&mut snapshot).await?;
    snapshot.finish().await?;
    Ok(keys)
}

async fn foreign_keys_in(snapshot: &mut Snapshot) -> Result<Vec<ForeignKey>, sqlx::Error> {
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

async fn primary_keys(
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
async fn row_keys(snapshot: &mut Snapshot) -> Result<BTreeMap<String, Vec<String>>, sqlx::Error> {
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

/// `"name"`: an identifier from the catalogue, quoted.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL expression rendering `columns` of row `c` as `a=…, b=…`.
fn shown(columns: &[impl AsRef<str>]) -> String {
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
async fn offending(
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

async fn orphans(
    snapshot: &mut Snapshot,
    keys: &BTreeMap<String, Vec<String>>,
    foreign_keys: &[ForeignKey],
) -> Result<Check, sqlx::Error> {
    let backend = snapshot.backend();
    let mut findings = Vec::new();
    for key in foreign_keys {
        let present = key
            .columns
            .iter()
            .map(|column| format!("c.{} IS NOT NULL", ident(column)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let matches = key
            .columns
            .iter()
            .zip(&key.parent_columns)
            .map(|(column, parent)| format!("p.{} = c.{}", ident(parent), ident(column)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let when = format!(
            "{present} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {matches})",
            ident(&key.parent)
        );
        let mut show: Vec<&str> = keys
            .get(&key.table)
            .map(|k| k.iter().map(String::as_str).collect())
            .unwrap_or_default();
        for column in &key.columns {
            if !show.contains(&column.as_str()) {
                show.push(column);
            }
        }
        if let Some(finding) =
            offending(snapshot, key.rule(), &key.table, shown(&show), &when).await?
        {
            findings.push(finding);
        }
    }
    for rule in UNDECLARED {
        if let Some(finding) = offending(
            snapshot,
            rule.rule.to_owned(),
            rule.table,
            shown(rule.show),
            rule.when.get(backend),
        )
        .await?
        {
            findings.push(finding);
        }
    }
    Ok(Check {
        name: "orphans",
        looks_for: "rows whose parent is gone",
        examined: format!(
            "{} declared foreign keys, {} undeclared references",
            foreign_keys.len(),
            UNDECLARED.len()
        ),
        findings,
    })
}

async fn scope(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let backend = snapshot.backend();
    let mut findings = Vec::new();
    for rule in SCOPED {
        if let Some(finding) = offending(
            snapshot,
            rule.rule.to_owned(),
            rule.table,
            shown(rule.show),
            rule.when.get(backend),
        )
        .await?
        {
            findings.push(finding);
        }
    }
    Ok(Check {
        name: "scope",
        looks_for: "references to a parent elsewhere, and parts held by non-members",
        examined: format!("{} references", SCOPED.len()),
        findings,
    })
}

/// Where a numbered sequence breaks, from a number and the one before it (`LAG`, over
/// the numbers above the sequence's floor, in order).
fn describe_break(previous: i64, seq: i64) -> String {
    if seq == previous {
        format!("{seq} twice")
    } else {
        format!("missing {}", range(previous + 1, seq - 1))
    }
}

/// `5` or `5..9`.
fn range(from: i64, to: i64) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}..{to}")
    }
}

/// Breaks found by a `LAG` query, `(owner, previous, seq)`, grouped by owner.
fn breaks_by_owner(rows: Vec<(String, i64, i64)>) -> BTreeMap<String, Vec<String>> {
    let mut by_owner: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (owner, previous, seq) in rows {
        by_owner
            .entry(owner)
            .or_default()
            .push(describe_break(previous, seq));
    }
    by_owner
}

/// The end of a sequence against its counter: numbers handed out but missing at the end,
/// or rows numbered past the counter.
fn tail(newest: i64, last: i64) -> Option<String> {
    if newest < last {
        Some(format!("missing {}", range(newest + 1, last)))
    } else if newest > last {
        Some(format!("numbered past last_seq, up to {newest}"))
    } else {
        None
    }
}

/// At most a few of a line's problems, and how many more there are.
fn summarize(mut problems: Vec<String>) -> String {
    const SHOWN: usize = 8;
    let more = problems.len().saturating_sub(SHOWN);
    problems.truncate(SHOWN);
    let mut text = problems.join(", ");
    if more > 0 {
        text.push_str(&format!(", and {more} more"));
    }
    text
}

/// Rows of the `LAG` queries read at most: enough to describe the examples.
const BREAKS_READ: usize = 1000;

async fn message_numbers(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let conversations = snapshot
        .count("SELECT COUNT(*) FROM conversations".to_owned())
        .await?;
    let messages = snapshot
        .count("SELECT COUNT(*) FROM messages".to_owned())
        .await?;
    // Numbers 1…last_seq, each once: as many rows as last_seq, as many distinct numbers,
    // none below 1 and the newest last_seq.
    let flagged: Vec<(String, i64, i64, i64, i64)> = snapshot
        .rows(
            "SELECT CAST(c.id AS TEXT), c.last_seq, COUNT(m.seq), \
             COALESCE(SUM(CASE WHEN m.seq < 1 THEN 1 ELSE 0 END), 0), \
             COALESCE(MAX(CASE WHEN m.seq >= 1 THEN m.seq END), 0) \
             FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id \
             GROUP BY c.id, c.last_seq \
             HAVING COUNT(m.seq) <> c.last_seq OR COUNT(DISTINCT m.seq) <> c.last_seq \
             OR COALESCE(MIN(m.seq), 1) < 1 OR COALESCE(MAX(m.seq), 0) <> c.last_seq \
             ORDER BY 1"
                .to_owned(),
        )
        .await?;
    let mut findings = Vec::new();
    if !flagged.is_empty() {
        let breaks: Vec<(String, i64, i64)> = snapshot
            .rows(format!(
                "SELECT CAST(g.conversation_id AS TEXT), g.previous, g.seq FROM (\
                 SELECT conversation_id, seq, \
                 LAG(seq, 1, 0) OVER (PARTITION BY conversation_id ORDER BY seq) AS previous \
                 FROM messages WHERE seq >= 1) g \
                 WHERE g.seq <> g.previous + 1 ORDER BY 1, 3 LIMIT {BREAKS_READ}"
            ))
            .await?;
        let mut breaks = breaks_by_owner(breaks);
        findings.push(Finding {
            rule: "conversations: messages numbered 1…last_seq, each number once".to_owned(),
            count: flagged.len() as i64,
            examples: flagged
                .iter()
                .take(EXAMPLES)
                .map(|(id, last, rows, below, newest)| {
                    let mut problems = Vec::new();
                    if *below > 0 {
                        problems.push(format!("{below} numbered below 1"));
                    }
                    problems.extend(breaks.remove(id).unwrap_or_default());
                    problems.extend(tail(*newest, *last));
                    format!(
                        "conversation {id}: last_seq {last}, {rows} messages: {}",
                        summarize(problems)
                    )
                })
                .collect(),
        });
    }
    if let Some(finding) = offending(
        snapshot,
        "conversation_participants.last_read_seq → 0…the conversation's last_seq".to_owned(),
        "conversation_participants",
        shown(&["conversation_id", "user_id", "last_read_seq"]),
        "c.last_read_seq < 0 OR EXISTS (SELECT 1 FROM conversations p \
         WHERE p.id = c.conversation_id AND c.last_read_seq > p.last_seq)",
    )
    .await?
    {
        findings.push(finding);
    }
    Ok(Check {
        name: "message-seq",
        looks_for: "gaps and duplicates in each conversation's message numbers",
        examined: format!("{conversations} conversations, {messages} messages"),
        findings,
    })
}

async fn board_positions(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let tasks = snapshot
        .count("SELECT COUNT(*) FROM tasks".to_owned())
        .await?;
    let from = "FROM tasks GROUP BY project_id, status, position HAVING COUNT(*) > 1";
    let rows: Vec<(String, String, i64, i64)> = snapshot
        .rows(format!(
            "SELECT CAST(project_id AS TEXT), status, position, COUNT(*) {from} \
             ORDER BY 1, 2, 3 LIMIT {}",
            EXAMPLES + 1
        ))
        .await?;
    let mut findings = Vec::new();
    if !rows.is_empty() {
        let count = if rows.len() > EXAMPLES {
            snapshot
                .count(format!("SELECT COUNT(*) FROM (SELECT 1 AS one {from}) d"))
                .await?
        } else {
            rows.len() as i64
        };
        findings.push(Finding {
            rule: "tasks: one task per position in a column (project, status)".to_owned(),
            count,
            examples: rows
                .into_iter()
                .take(EXAMPLES)
                .map(|(project, status, position, tasks)| {
                    format!("project {project}, column {status}: position {position} held by {tasks} tasks")
                })
                .collect(),
        });
    }
    Ok(Check {
        name: "board-positions",
        looks_for: "two tasks at one position of a column",
        examined: format!("{tasks} tasks"),
        findings,
    })
}

async fn document_updates(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let documents = snapshot
        .count("SELECT COUNT(*) FROM documents".to_owned())
        .await?;
    let updates = snapshot
        .count("SELECT COUNT(*) FROM document_updates".to_owned())
        .await?;
    // (document_id, seq) is the primary key, so as many rows as last_seq - state_seq, none
    // at or below state_seq and the newest last_seq is exactly state_seq+1…last_seq.
    let flagged: Vec<(String, i64, i64, i64, i64, i64)> = snapshot
        .rows(
            "SELECT CAST(d.id AS TEXT), d.state_seq, d.last_seq, COUNT(u.seq), \
             COALESCE(SUM(CASE WHEN u.seq <= d.state_seq THEN 1 ELSE 0 END), 0), \
             COALESCE(MAX(CASE WHEN u.seq > d.state_seq THEN u.seq END), d.state_seq) \
             FROM documents d LEFT JOIN document_updates u ON u.document_id = d.id \
             GROUP BY d.id, d.state_seq, d.last_seq \
             HAVING d.state_seq < 0 OR d.state_seq > d.last_seq \
             OR COUNT(u.seq) <> d.last_seq - d.state_seq \
             OR COALESCE(MIN(u.seq), d.state_seq + 1) <= d.state_seq \
             OR COALESCE(MAX(u.seq), d.last_seq) <> d.last_seq \
             ORDER BY 1"
                .to_owned(),
        )
        .await?;
    let mut findings = Vec::new();
    if !flagged.is_empty() {
        let breaks: Vec<(String, i64, i64)> = snapshot
            .rows(format!(
                "SELECT CAST(g.document_id AS TEXT), g.previous, g.seq FROM (\
                 SELECT u.document_id, u.seq, LAG(u.seq, 1, d.state_seq) \
                 OVER (PARTITION BY u.document_id ORDER BY u.seq) AS previous \
                 FROM document_updates u JOIN documents d ON d.id = u.document_id \
                 WHERE u.seq > d.state_seq) g \
                 WHERE g.seq <> g.previous + 1 ORDER BY 1, 3 LIMIT {BREAKS_READ}"
            ))
            .await?;
        let mut breaks = breaks_by_owner(breaks);
        findings.push(Finding {
            rule: "documents: updates stored exactly state_seq+1…last_seq".to_owned(),
            count: flagged.len() as i64,
            examples: flagged
                .iter()
                .take(EXAMPLES)
                .map(|(id, state, last, rows, behind, newest)| {
                    let mut problems = Vec::new();
                    if *state < 0 || state > last {
                        problems.push(format!("state_seq {state} outside 0…last_seq"));
                    }
                    if *behind > 0 {
                        problems.push(format!(
                            "{behind} at or below state_seq (left by a compaction)"
                        ));
                    }
                    problems.extend(breaks.remove(id).unwrap_or_default());
                    if state <= last {
                        problems.extend(tail(*newest, *last));
                    }
                    format!(
                        "document {id}: state_seq {state}, last_seq {last}, {rows} update rows: {}",
                        summarize(problems)
                    )
                })
                .collect(),
        });
    }
    if let Some(finding) = offending(
        snapshot,
        "document_snapshots.upto_seq → 0…the document's last_seq".to_owned(),
        "document_snapshots",
        shown(&["id", "document_id", "upto_seq"]),
        "c.upto_seq < 0 OR EXISTS (SELECT 1 FROM documents p \
         WHERE p.id = c.document_id AND c.upto_seq > p.last_seq)",
    )
    .await?
    {
        findings.push(finding);
    }
    Ok(Check {
        name: "document-updates",
        looks_for: "document updates lost, left behind by a compaction, or past the counter",
        examined: format!("{documents} documents, {updates} update rows"),
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_name_what_is_missing_or_repeated() {
        assert_eq!(describe_break(2, 5), "missing 3..4");
        assert_eq!(describe_break(2, 4), "missing 3");
        assert_eq!(describe_break(3, 3), "3 twice");
        assert_eq!(tail(4, 6), Some("missing 5..6".to_owned()));
        assert_eq!(tail(0, 2), Some("missing 1..2".to_owned()));
        assert_eq!(tail(3, 3), None);
        assert_eq!(
            tail(9, 3),
            Some("numbered past last_seq, up to 9".to_owned())
        );
    }

    #[test]
    fn long_lists_are_cut() {
        let problems: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        assert_eq!(summarize(problems), "0, 1, 2, 3, 4, 5, 6, 7, and 2 more");
    }

    #[test]
    fn every_rule_reads_for_both_engines() {
        for rule in UNDECLARED.iter().chain(SCOPED) {
            for backend in [Backend::Sqlite, Backend::Postgres] {
                assert!(!rule.when.get(backend).is_empty(), "{}", rule.rule);
            }
            assert!(!rule.show.is_empty(), "{}", rule.rule);
        }
    }
}
