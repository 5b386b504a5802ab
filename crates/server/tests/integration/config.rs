//! Configuration errors stop the process at start: exit code 2, one line naming the
//! variable. The development JWT secret is generated once under ./data.

use crate::{any_backend, support::*};

fn refused(env: &[(&str, &str)], variable: &str) {
    let scratch = Scratch::new();
    let output = run_cli(scratch.path(), &["serve", "--port", "0"], env);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{env:?}: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(
        lines[0].contains(&format!("{variable}:")),
        "{variable} is named: {stderr}"
    );
    assert!(
        !scratch.path().join("data").exists(),
        "nothing was created before refusing"
    );
}

async fn bad_values_exit_2_naming_the_variable(backend: Backend) {
    let (url, bad_url) = match backend {
        Backend::Sqlite => ("sqlite://data/x.db", "sqlite::memory:"),
        Backend::Postgres => ("postgres://flux@127.0.0.1/flux", "postgres://user:pw@/flux"),
    };
    refused(&[("DATABASE_URL", bad_url)], "DATABASE_URL");
    refused(
        &[("DATABASE_URL", "mysql://root@localhost/flux")],
        "DATABASE_URL",
    );
    refused(&[("DATABASE_URL", url), ("PORT", "not-a-port")], "PORT");
    refused(&[("DATABASE_URL", url), ("PORT", "65536")], "PORT");
    refused(
        &[("DATABASE_URL", url), ("FLUX_ENV", "production")],
        "JWT_SECRET",
    );
    refused(
        &[("DATABASE_URL", url), ("JWT_SECRET", "too-short")],
        "JWT_SECRET",
    );
    refused(&[("DATABASE_URL", url), ("FLUX_ENV", "prod")], "FLUX_ENV");
}

/// An unreachable PostgreSQL with a password in its URL: the error names the URL
/// without the password. (SQLite URLs carry none, so this is PostgreSQL's alone.)
#[test]
fn database_password_never_reaches_the_output() {
    let scratch = Scratch::new();
    let url = format!(
        "postgres://flux:hunter2-secret@127.0.0.1:{}/flux?connect_timeout=2",
        free_port()
    );
    let output = run_cli(scratch.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(!output.status.success());
    assert!(all.contains("flux:***@127.0.0.1"), "{all}");
    assert!(!all.contains("hunter2"), "{all}");
}

async fn development_secret_is_generated_once_and_kept(backend: Backend) {
    let server = server(backend).start().await;
    let file = server.scratch.path().join("data/jwt-secret");
    let secret = std::fs::read_to_string(&file).expect("secret written under ./data");
    assert_eq!(secret.trim().len(), 64);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(!server.log().contains(secret.trim()), "never logged");
}

any_backend!(
    bad_values_exit_2_naming_the_variable,
    development_secret_is_generated_once_and_kept,
);
