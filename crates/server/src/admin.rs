//! `fluxstudio admin …`: administration from the shell.

use std::{
    io::{IsTerminal, Read},
    path::Path,
};

use anyhow::{Context, bail};
use fluxstudio_accounts::SignupRequest;
use fluxstudio_domain::{DisplayName, Email, Password, UserType};
use fluxstudio_store::{Db, DbOptions, backup, integrity, migrate, status::db_status};

use crate::{config::Config, secret};

/// `admin db-status`: tables, the essential ones, and migrations, for a person to read.
pub async fn print_db_status(db: &Db) -> anyhow::Result<()> {
    let status = db_status(db).await?;
    let state = if status.is_complete() {
        "complete"
    } else {
        "incomplete"
    };
    println!("status:     {state}");
    println!("backend:    {}", status.backend.as_str());
    println!(
        "tables:     {} ({})",
        status.tables.len(),
        status.tables.join(", ")
    );
    if status.essential_missing.is_empty() {
        println!("essential:  all {} present", status.essential_present.len());
    } else {
        println!("missing:    {}", status.essential_missing.join(", "));
    }
    println!(
        "migrations: {} known, {} pending",
        status.migrations.len(),
        status.pending()
    );
    Ok(())
}

/// `admin backup --to FILE`: the SQLite database copied to `to` in one snapshot (see
/// [`backup::sqlite_copy`]), under a hidden temporary name beside it; SQLite's integrity
/// check must pass on the copy, which is then flushed and linked to `to` (a link, unlike a
/// rename, never replaces a file that appeared meanwhile). A backup cut short leaves only
/// the temporary file, never a partial `to`.
pub async fn backup(database: &DbOptions, to: &Path) -> anyhow::Result<()> {
    let Some(source) = database.url.sqlite_path() else {
        bail!("the database is PostgreSQL: back it up with pg_dump (docs/DEPLOY.md, \"Backups\")");
    };
    if !source.is_file() {
        bail!("there is no database at {} to back up", source.display());
    }
    if to.exists() {
        bail!(
            "{} exists: a backup never writes over a file; name another",
            to.display()
        );
    }
    let name = to
        .file_name()
        .with_context(|| format!("{} names no file", to.display()))?;
    let folder = match to.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        bail!("the folder {} does not exist", folder.display());
    }
    let partial = folder.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let db = Db::connect(database).await?;
    let result = write_backup(&db, &partial, to, folder).await;
    db.close().await;
    // Gone once linked to `to`; on failure, nothing half-written stays.
    let _ = std::fs::remove_file(&partial);
    let bytes = result?;
    println!(
        "backed up to {} ({bytes} bytes; integrity check: ok)",
        to.display()
    );
    Ok(())
}

async fn write_backup(db: &Db, partial: &Path, to: &Path, folder: &Path) -> anyhow::Result<u64> {
    backup::sqlite_copy(db, partial)
        .await
        .context("not a SQLite database")?
        .context("copying the database")?;
    let found = backup::sqlite_integrity(partial)
        .await
        .context("checking the copy")?;
    if found != ["ok"] {
        bail!(
            "the copy failed SQLite's integrity check: {}",
            found.join("; ")
        );
    }
    let file = std::fs::File::open(partial)?;
    file.sync_all().context("flushing the copy")?;
    std::fs::hard_link(partial, to).with_context(|| format!("naming the copy {}", to.display()))?;
    std::fs::File::open(folder)?
        .sync_all()
        .context("flushing the folder")?;
    Ok(file.metadata()?.len())
}

/// `admin check`: every check of [`integrity`] in one snapshot, a line each, and what it
/// found under it. An error (exit 1, after the listing) when anything was found; the
/// database is never changed, nor migrated.
pub async fn check(db: &Db) -> anyhow::Result<()> {
    let pending = migrate::status(db)
        .await?
        .iter()
        .filter(|m| m.applied_at.is_none())
        .count();
    if pending > 0 {
        bail!("the database has {pending} pending migration(s): run `fluxstudio migrate` first");
    }
    let report = integrity::check(db).await?;
    println!("database: {}", report.backend.as_str());
    for check in &report.checks {
        let verdict = if check.is_clean() { "ok   " } else { "FOUND" };
        println!(
            "{verdict} {:<17} {} ({})",
            check.name, check.looks_for, check.examined
        );
        for finding in &check.findings {
            println!("      {}: {}", finding.rule, finding.count);
            for example in &finding.examples {
                println!("        {example}");
            }
            let more = finding.count - finding.examples.len() as i64;
            if more > 0 {
                println!("        … and {more} more");
            }
        }
    }
    let found = report.checks.iter().filter(|c| !c.is_clean()).count();
    if found > 0 {
        bail!(
            "{found} of {} checks found problems (listed above)",
            report.checks.len()
        );
    }
    println!("clean: {} checks found nothing", report.checks.len());
    Ok(())
}

/// `admin create-user`'s arguments.
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub user_type: String,
    pub admin: bool,
}

/// `admin create-user`: validates like signup, reads the password from standard input
/// (never from an argument, which other users of the machine could see in `ps`), applies
/// pending migrations like `serve` would, and creates the account.
pub async fn create_user(config: &Config, new: NewAccount) -> anyhow::Result<()> {
    let email = Email::parse(&new.email).map_err(|e| anyhow::anyhow!("--email: {}", e.message))?;
    let name =
        DisplayName::parse(&new.name).map_err(|e| anyhow::anyhow!("--name: {}", e.message))?;
    let user_type: UserType = new
        .user_type
        .parse()
        .map_err(|e: fluxstudio_domain::Invalid| anyhow::anyhow!("--user-type: {}", e.message))?;
    let password = Password::parse(&read_password()?)
        .map_err(|e| anyhow::anyhow!("password: {}", e.message))?;

    let (secret, _) = secret::resolve(
        config.jwt_secret.clone(),
        Path::new(secret::DEV_SECRET_FILE),
    )?;
    let db = Db::connect(&config.database).await?;
    let result = async {
        migrate::run(&db, |_| {}).await?;
        let accounts = crate::accounts::service(
            db.clone(),
            config,
            secret.0.as_bytes(),
            fluxstudio_events::EventBus::new(),
        )?;
        let request = SignupRequest {
            email,
            password,
            name,
            user_type,
        };
        let user = accounts.create_user(request, new.admin).await?;
        println!(
            "created {} ({}){}",
            user.email,
            user.id.0,
            if user.is_admin {
                ", instance admin"
            } else {
                ""
            }
        );
        anyhow::Ok(())
    }
    .await;
    db.close().await;
    result
}

/// One line from standard input, without its line ending and otherwise exactly as typed.
fn read_password() -> anyhow::Result<String> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password (shown as you type; pipe it in to hide it): ");
    }
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .context("cannot read the password from standard input")?;
    let line = text.split('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() {
        bail!(
            "no password on standard input: pipe one in, e.g. `printf %s \"$PW\" | fluxstudio admin create-user ...`"
        );
    }
    Ok(line.to_owned())
}

/// `admin seed-demo`: migrates like `serve` would, then fills the empty instance.
pub async fn seed_demo(config: &Config) -> anyhow::Result<()> {
    let (secret, _) = secret::resolve(
        config.jwt_secret.clone(),
        Path::new(secret::DEV_SECRET_FILE),
    )?;
    let db = Db::connect(&config.database).await?;
    let result = async {
        migrate::run(&db, |_| {}).await?;
        crate::demo::seed(config, &db, secret.0.as_bytes()).await
    }
    .await;
    db.close().await;
    result
}
