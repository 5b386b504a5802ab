//! `fluxstudio migrate`: applies pending steps once, prints each, refuses a database from
//! a newer release, rolls a failed step back, and leaves both backends with one schema.

use fluxstudio_store::{schema, write_with};

use crate::{both_backends, support::*};

fn migrate(scratch: &Scratch, url: &str, args: &[&str]) -> (bool, String) {
    let output = run_cli(scratch.path(), args, &[("DATABASE_URL", url)]);
    (
        output.status.success(),
        format!("{}{}", text(&output.stdout), text(&output.stderr)),
    )
}

/// How many steps a release has (each is written for both engines).
fn steps() -> usize {
    fluxstudio_store::migrate::known(fluxstudio_store::Backend::Sqlite).len()
}

async fn migrate_applies_once_then_is_a_no_op(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;

    let (ok, out) = migrate(&scratch, &url, &["migrate", "--status"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("0001_initial") && out.contains("pending"),
        "{out}"
    );

    let (ok, out) = migrate(&scratch, &url, &["migrate"]);
    assert!(ok, "{out}");
    assert!(out.contains("applying 0001_initial"), "{out}");
    assert!(out.contains("applied  0001_initial in"), "{out}");
    assert!(out.contains("applied  0002_accounts in"), "{out}");
    assert!(out.contains("applied  0003_organizations in"), "{out}");
    assert!(out.contains("applied  0004_projects in"), "{out}");

    let (ok, out) = migrate(&scratch, &url, &["migrate"]);
    assert!(ok, "{out}");
    assert!(out.contains("nothing to apply"), "{out}");
    assert!(!out.contains("applying"), "{out}");

    let (ok, out) = migrate(&scratch, &url, &["migrate", "--status"]);
    assert!(ok, "{out}");
    let steps = steps();
    assert!(
        out.contains(&format!("{steps} applied, 0 pending")),
        "{out}"
    );

    let (ok, out) = migrate(&scratch, &url, &["admin", "db-status"]);
    assert!(ok, "{out}");
    assert!(out.contains("status:     complete"), "{out}");
    assert!(out.contains("essential:  all 9 present"), "{out}");

    let db = open_store(&url).await;
    let tables = schema::tables(&db).await.unwrap();
    for table in fluxstudio_store::status::ESSENTIAL_TABLES {
        assert!(tables.iter().any(|t| t == table), "{table} in {tables:?}");
    }
    db.close().await;
}

async fn a_database_from_a_newer_release_is_refused(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    assert!(migrate(&scratch, &url, &["migrate"]).0);
    let db = open_store(&url).await;
    write_with!(&db, |pool| sqlx::query(
        "INSERT INTO schema_migrations (version, name, checksum, applied_at) \
         VALUES (9999, 'from_the_future', 'x', $1)"
    )
    .bind(chrono::Utc::now())
    .execute(pool)
    .await
    .unwrap()
    .rows_affected());
    db.close().await;

    for args in [
        &["migrate"][..],
        &["migrate", "--status"],
        &["serve", "--port", "0"],
    ] {
        let (ok, out) = migrate(&scratch, &url, args);
        assert!(!ok, "{args:?} must refuse: {out}");
        assert!(
            out.contains("migration 9999") && out.contains("newer FluxStudio"),
            "{args:?}: {out}"
        );
    }
}

async fn a_failing_step_is_rolled_back_and_reported(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    // A table in the way makes step 0001 fail half-way through.
    let db = open_store(&url).await;
    write_with!(&db, |pool| sqlx::query(
        "CREATE TABLE organizations (id TEXT PRIMARY KEY)"
    )
    .execute(pool)
    .await
    .unwrap()
    .rows_affected());

    let (ok, out) = migrate(&scratch, &url, &["migrate"]);
    assert!(!ok, "{out}");
    let last = out.lines().last().unwrap_or_default();
    assert!(
        last.contains("migration 0001_initial failed and was rolled back"),
        "{out}"
    );
    let tables = schema::tables(&db).await.unwrap();
    assert!(
        !tables.iter().any(|t| t == "users" || t == "refresh_tokens"),
        "nothing of the failed step remains: {tables:?}"
    );
    let (ok, out) = migrate(&scratch, &url, &["migrate", "--status"]);
    let steps = steps();
    assert!(
        ok && out.contains(&format!("0 applied, {steps} pending")),
        "{out}"
    );
    db.close().await;
}

async fn serve_without_migrating_refuses_pending_steps(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let (ok, out) = migrate(&scratch, &url, &["serve", "--port", "0", "--no-migrate"]);
    assert!(!ok, "{out}");
    let pending: Vec<String> = fluxstudio_store::migrate::known(fluxstudio_store::Backend::Sqlite)
        .iter()
        .map(|step| step.label())
        .collect();
    assert!(pending.len() >= 8, "{pending:?}");
    assert!(
        out.contains(&format!("pending ({})", pending.join(", "))),
        "{out}"
    );
}

both_backends!(
    migrate_applies_once_then_is_a_no_op,
    a_database_from_a_newer_release_is_refused,
    a_failing_step_is_rolled_back_and_reported,
    serve_without_migrating_refuses_pending_steps,
);

#[test]
fn an_unreachable_database_fails_with_one_clear_line() {
    let scratch = Scratch::new();
    let cases = [
        format!(
            "postgres://flux@127.0.0.1:{}/flux?connect_timeout=2",
            free_port()
        ),
        "sqlite:///proc/fluxstudio-cannot-be-here/x.db".to_owned(),
    ];
    for url in cases {
        let (ok, out) = migrate(&scratch, &url, &["migrate"]);
        assert!(!ok, "{url}: {out}");
        let last = out.lines().last().unwrap_or_default();
        assert!(last.starts_with("fluxstudio: "), "{out}");
        assert!(
            last.contains("unreachable") || last.contains("cannot create the database folder"),
            "{out}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_end_with_the_same_tables_and_columns() {
    let scratch = Scratch::new();
    let mut schemas = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let url = fresh_database(backend, &scratch).await;
        let (ok, out) = migrate(&scratch, &url, &["migrate"]);
        assert!(ok, "{out}");
        let db = open_store(&url).await;
        schemas.push(schema::describe(&db).await.unwrap());
        db.close().await;
    }
    assert!(schemas[0].len() >= 10, "{:?}", schemas[0].keys());
    for (table, columns) in &schemas[0] {
        assert_eq!(
            Some(columns),
            schemas[1].get(table),
            "table {table} differs between SQLite and PostgreSQL"
        );
    }
    assert_eq!(
        schemas[0].keys().collect::<Vec<_>>(),
        schemas[1].keys().collect::<Vec<_>>()
    );
}

/// `sslmode` in the URL is obeyed: the test cluster speaks no TLS, so `require` must fail
/// (rather than silently connecting in the clear) and `disable` must work.
#[test]
fn postgres_tls_follows_sslmode() {
    let scratch = Scratch::new();
    let admin = pg_admin_url();
    let sep = if admin.contains('?') { '&' } else { '?' };
    let (ok, out) = migrate(
        &scratch,
        &format!("{admin}{sep}sslmode=require"),
        &["migrate", "--status"],
    );
    assert!(!ok, "{out}");
    let last = out.lines().last().unwrap_or_default().to_lowercase();
    assert!(
        last.contains("unreachable") && (last.contains("tls") || last.contains("ssl")),
        "{out}"
    );
    let (ok, out) = migrate(
        &scratch,
        &format!("{admin}{sep}sslmode=disable"),
        &["migrate", "--status"],
    );
    assert!(ok, "{out}");
}

/// docs/ARCHITECTURE.md's table of who writes which table names every table the
/// migrations create (the same on both engines: the test above), so it cannot fall behind.
async fn the_architecture_table_names_every_table(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let (ok, out) = migrate(&scratch, &url, &["migrate"]);
    assert!(ok, "{out}");
    let db = open_store(&url).await;
    let tables = schema::describe(&db).await.unwrap();
    db.close().await;
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/ARCHITECTURE.md"),
    )
    .unwrap();
    let start = doc
        .find("| Table | Written by |")
        .expect("the table is in the document");
    let rows: Vec<&str> = doc[start..]
        .lines()
        .take_while(|line| line.starts_with('|'))
        .map(|line| line.split('|').nth(1).unwrap_or(""))
        .collect();
    let missing: Vec<&String> = tables
        .keys()
        .filter(|table| !rows.iter().any(|row| row.contains(&format!("`{table}`"))))
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/ARCHITECTURE.md's table: {missing:?}"
    );
}

crate::any_backend!(the_architecture_table_names_every_table);
