//! `fluxstudio admin check`: clean on what the services write (the demo studio, with
//! messages and a document beside it), and each inconsistency planted with raw SQL (foreign
//! keys switched off, as the `sqlite3` shell has them) reported under its check, with the
//! rows, and exit status 1.

use std::{process::Output, str::FromStr};

use fluxstudio_store::integrity;
use sqlx::{Connection, Executor, PgConnection, SqliteConnection, sqlite::SqliteConnectOptions};

use crate::{both_backends, support::*};

const SECRET: &str = "integrity-test-secret-of-32-bytes!!";

fn check(scratch: &Scratch, url: &str) -> Output {
    run_cli(
        scratch.path(),
        &["admin", "check"],
        &[("DATABASE_URL", url), ("JWT_SECRET", SECRET)],
    )
}

/// A connection of its own, foreign keys enforced or not (`session_replication_role =
/// replica` skips PostgreSQL's key triggers; the test cluster's user may set it).
enum Raw {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Raw {
    async fn open(backend: Backend, url: &str, enforce_keys: bool) -> Self {
        match backend {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .expect("a SQLite URL")
                    .foreign_keys(enforce_keys);
                Self::Sqlite(SqliteConnection::connect_with(&options).await.unwrap())
            }
            Backend::Postgres => {
                let mut conn = PgConnection::connect(url).await.unwrap();
                if !enforce_keys {
                    conn.execute("SET session_replication_role = replica")
                        .await
                        .unwrap();
                }
                Self::Postgres(conn)
            }
        }
    }

    async fn run(&mut self, sql: String) {
        let done = match self {
            Self::Sqlite(c) => c
                .execute(sqlx::AssertSqlSafe(sql.clone()))
                .await
                .map(|_| ()),
            Self::Postgres(c) => c
                .execute(sqlx::AssertSqlSafe(sql.clone()))
                .await
                .map(|_| ()),
        };
        done.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// The first column of the first row, as text.
    async fn text(&mut self, sql: &str) -> String {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Self::Sqlite(c) => sqlx::query_scalar(sql).fetch_one(c).await,
            Self::Postgres(c) => sqlx::query_scalar(sql).fetch_one(c).await,
        }
        .unwrap()
    }

    async fn close(self) {
        match self {
            Self::Sqlite(c) => c.close().await.unwrap(),
            Self::Postgres(c) => c.close().await.unwrap(),
        }
    }
}

/// A literal of bytes for `data`/`state` columns.
fn bytes(backend: Backend, hex: &str) -> String {
    match backend {
        Backend::Sqlite => format!("x'{hex}'"),
        Backend::Postgres => format!("'\\x{hex}'::bytea"),
    }
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

const AT: &str = "'2026-01-02T03:04:05Z'";

async fn admin_check_finds_what_was_planted(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let seeded = run_cli(
        scratch.path(),
        &["admin", "seed-demo"],
        &[("DATABASE_URL", &url), ("JWT_SECRET", SECRET)],
    );
    assert!(seeded.status.success(), "{}", printed(&seeded));

    // Beside the demo: a thread in a project's channel, a direct conversation, and a
    // document with stored updates and a version, written as the services would.
    let mut raw = Raw::open(backend, &url, true).await;
    let project = raw
        .text("SELECT CAST(id AS TEXT) FROM projects ORDER BY name LIMIT 1")
        .await;
    let maya = raw
        .text("SELECT CAST(id AS TEXT) FROM users WHERE email = 'maya@northlight.studio'")
        .await;
    let jonah = raw
        .text("SELECT CAST(id AS TEXT) FROM users WHERE email = 'jonah@northlight.studio'")
        .await;
    let messages: Vec<String> = (0..3).map(|_| id()).collect();
    for (i, message) in messages.iter().enumerate() {
        let parent = if i == 2 {
            format!("'{}'", messages[0])
        } else {
            "NULL".to_owned()
        };
        raw.run(format!(
            "INSERT INTO messages (id, conversation_id, seq, author_id, body, parent_id, \
             mentions, created_at) VALUES ('{message}', '{project}', {}, '{maya}', 'm{i}', \
             {parent}, '[]', {AT})",
            i + 1
        ))
        .await;
    }
    raw.run(format!(
        "UPDATE conversations SET last_seq = 3, activity_id = '{}' WHERE id = '{project}'",
        messages[2]
    ))
    .await;
    raw.run(format!(
        "INSERT INTO conversation_participants (conversation_id, user_id, role, last_read_seq, \
         joined_at) VALUES ('{project}', '{maya}', 'member', 3, {AT})"
    ))
    .await;
    let (low, high) = if maya < jonah {
        (&maya, &jonah)
    } else {
        (&jonah, &maya)
    };
    let direct = id();
    raw.run(format!(
        "INSERT INTO conversations (id, kind, direct_key, created_by, activity_id, created_at, \
         updated_at) VALUES ('{direct}', 'direct', '{low}:{high}', '{maya}', '{direct}', {AT}, {AT})"
    ))
    .await;
    let document = id();
    raw.run(format!(
        "INSERT INTO documents (id, project_id, title, state, state_seq, last_seq, created_by, \
         created_at, updated_at) VALUES ('{document}', '{project}', 'Notes', {}, 2, 5, '{maya}', \
         {AT}, {AT})",
        bytes(backend, "00")
    ))
    .await;
    for seq in 3..=5 {
        raw.run(format!(
            "INSERT INTO document_updates (document_id, seq, data) VALUES ('{document}', {seq}, {})",
            bytes(backend, "0102")
        ))
        .await;
    }
    raw.run(format!(
        "INSERT INTO document_snapshots (id, document_id, name, automatic, state, upto_seq, \
         created_at) VALUES ('{}', '{document}', 'v1', FALSE, {}, 4, {AT})",
        id(),
        bytes(backend, "00")
    ))
    .await;
    raw.close().await;

    let clean = check(&scratch, &url);
    assert!(clean.status.success(), "{}", printed(&clean));
    let stdout = text(&clean.stdout);
    for name in [
        "orphans",
        "scope",
        "message-seq",
        "board-positions",
        "document-updates",
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with("ok    ") && l.contains(name)),
            "{name} ok: {}",
            printed(&clean)
        );
    }
    assert!(
        stdout.contains("clean: 5 checks found nothing"),
        "{}",
        printed(&clean)
    );
    assert!(
        stdout.contains("4 conversations, 3 messages"),
        "the demo's 3 channels and the direct conversation: {}",
        printed(&clean)
    );

    // What a crash, a bug or a hand at the `sqlite3` prompt could leave.
    let mut raw = Raw::open(backend, &url, false).await;
    // A gap: the second message gone, and a number handed out with no message.
    raw.run(format!("DELETE FROM messages WHERE id = '{}'", messages[1]))
        .await;
    raw.run(format!(
        "UPDATE conversations SET last_seq = 4 WHERE id = '{project}'"
    ))
    .await;
    // Update rows of a document that is gone, and one missing from a document.
    let gone = id();
    raw.run(format!(
        "INSERT INTO document_updates (document_id, seq, data) VALUES ('{gone}', 1, {})",
        bytes(backend, "00")
    ))
    .await;
    raw.run(format!(
        "DELETE FROM document_updates WHERE document_id = '{document}' AND seq = 4"
    ))
    .await;
    // Two tasks at one position of a column.
    let column = raw
        .text(
            "SELECT CAST(project_id AS TEXT) || '|' || status FROM tasks \
             GROUP BY project_id, status HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 1",
        )
        .await;
    let (board, status) = column.split_once('|').unwrap();
    raw.run(format!(
        "UPDATE tasks SET position = 1024 WHERE project_id = '{board}' AND status = '{status}'"
    ))
    .await;
    // A task assigned to nobody who exists; another's assignee taken off the project.
    let ghost = id();
    let orphaned_task = raw
        .text(&format!(
            "SELECT CAST(id AS TEXT) FROM tasks WHERE project_id <> '{project}' ORDER BY id LIMIT 1"
        ))
        .await;
    raw.run(format!(
        "UPDATE tasks SET assignee_id = '{ghost}' WHERE id = '{orphaned_task}'"
    ))
    .await;
    let assigned = raw
        .text(&format!(
            "SELECT CAST(assignee_id AS TEXT) FROM tasks WHERE project_id = '{project}' \
             AND assignee_id <> '{maya}' ORDER BY id LIMIT 1"
        ))
        .await;
    raw.run(format!(
        "DELETE FROM project_members WHERE project_id = '{project}' AND user_id = '{assigned}'"
    ))
    .await;
    // The direct conversation names someone who is not there.
    raw.run(format!(
        "UPDATE conversations SET direct_key = '{low}:{ghost}' WHERE id = '{direct}'"
    ))
    .await;
    raw.close().await;

    let found = check(&scratch, &url);
    let out = printed(&found);
    assert_eq!(found.status.code(), Some(1), "{out}");
    let stdout = text(&found.stdout);
    for name in [
        "orphans",
        "scope",
        "message-seq",
        "board-positions",
        "document-updates",
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with("FOUND ") && l.contains(name)),
            "{name} found something: {out}"
        );
    }
    let expected = [
        // orphans: a declared key, and an undeclared one
        "document_updates.document_id → documents.id: 1".to_owned(),
        format!("document_updates (document_id={gone}, seq=1)"),
        "tasks.assignee_id → users.id: 1".to_owned(),
        format!("tasks (id={orphaned_task}, assignee_id={ghost})"),
        "conversations.direct_key → the two people (users.id): 1".to_owned(),
        format!("conversations (id={direct}, direct_key={low}:{ghost})"),
        // the channel's activity points at a message that is still there: not an orphan
        // scope
        "tasks.assignee_id → a member of the task's project (project_members)".to_owned(),
        format!("assignee_id={assigned}"),
        // message numbers
        format!("conversation {project}: last_seq 4, 2 messages: missing 2, missing 4"),
        // board positions
        format!("project {board}, column {status}: position 1024 held by"),
        // document updates
        format!("document {document}: state_seq 2, last_seq 5, 2 update rows: missing 4"),
    ];
    for line in &expected {
        assert!(stdout.contains(line.as_str()), "{line:?} in {out}");
    }
    assert!(
        !stdout.contains("conversations.activity_id"),
        "the channel's activity is its newest message, still there: {out}"
    );
    let stderr = text(&found.stderr);
    assert!(
        stderr.contains("fluxstudio: 5 of 5 checks found problems"),
        "{out}"
    );
}

/// An operator pointed at a database that was never migrated is told so, not shown SQL errors.
async fn admin_check_refuses_an_unmigrated_database(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let out = check(&scratch, &url);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(
        text(&out.stderr).contains("pending migration(s): run `fluxstudio migrate` first"),
        "{}",
        printed(&out)
    );
}

both_backends!(
    admin_check_finds_what_was_planted,
    admin_check_refuses_an_unmigrated_database,
);

/// The orphans check reads the declared keys from the catalogue: both engines declare the
/// same ones, and the documents' updates and the messages' threads are among them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_declare_the_same_foreign_keys() {
    let scratch = Scratch::new();
    let mut declared = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let url = fresh_database(backend, &scratch).await;
        let out = run_cli(scratch.path(), &["migrate"], &[("DATABASE_URL", &url)]);
        assert!(out.status.success(), "{}", printed(&out));
        let db = open_store(&url).await;
        let mut rules: Vec<String> = integrity::foreign_keys(&db)
            .await
            .unwrap()
            .iter()
            .map(|key| key.rule())
            .collect();
        rules.sort();
        declared.push(rules);
        db.close().await;
    }
    assert_eq!(declared[0], declared[1], "SQLite, then PostgreSQL");
    for rule in [
        "document_updates.document_id → documents.id",
        "messages.parent_id → messages.id",
        "refresh_tokens.session_id → sessions.id",
        "tasks.milestone_id → milestones.id",
    ] {
        assert!(
            declared[0].iter().any(|r| r == rule),
            "{rule}: {:?}",
            declared[0]
        );
    }
    assert!(declared[0].len() >= 45, "{:?}", declared[0]);
}
