//! Numbered migrations (the seed's PRE_DEPLOY job), embedded at build time from
//! `migrations/sqlite` and `migrations/postgres`. Each pending step runs in its own
//! transaction together with its row in `schema_migrations`, so a failed step leaves
//! nothing behind, and a second run is a no-op. A database that holds steps this binary
//! does not know (written by a newer release) is refused rather than guessed at.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::{Backend, Db, read_with};

/// One numbered step, as embedded in the binary.
#[derive(Debug)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

impl Migration {
    /// `0001_initial`: the file name the step came from.
    pub fn label(&self) -> String {
        label(self.version, self.name)
    }

    /// SHA-256 of the SQL, recorded when applied, so an edited step is noticed.
    pub fn checksum(&self) -> String {
        hex::encode(Sha256::digest(self.sql.as_bytes()))
    }
}

/// The steps this binary knows for `backend`, in order.
pub fn known(backend: Backend) -> &'static [Migration] {
    match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    }
}

/// Where one known step stands in a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub version: i64,
    pub name: &'static str,
    pub applied_at: Option<DateTime<Utc>>,
}

/// `0001_initial`: the file name a step came from.
fn label(version: i64, name: &str) -> String {
    format!("{version:04}_{name}")
}

impl MigrationStatus {
    pub fn label(&self) -> String {
        label(self.version, self.name)
    }
}

/// What [`run`] reports as it goes, for the CLI to print.
#[derive(Debug)]
pub enum Progress<'a> {
    Applying(&'a Migration),
    Applied(&'a Migration, Duration),
}

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "the database has migration {database_version} but this binary knows only up to \
         {binary_version}: it was migrated by a newer FluxStudio; run that version or newer"
    )]
    NewerThanBinary {
        database_version: i64,
        binary_version: i64,
    },
    #[error(
        "migration {label} was changed after it was applied (checksum differs); \
         migrations are append-only: add a new numbered step instead"
    )]
    Modified { label: String },
    #[error("migration {label} failed and was rolled back: {source}")]
    StepFailed {
        label: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot read the migration history: {0}")]
    Database(#[from] sqlx::Error),
}

/// A row of `schema_migrations`.
#[derive(Debug, sqlx::FromRow)]
struct AppliedRow {
    version: i64,
    checksum: String,
    applied_at: DateTime<Utc>,
}

const SQLITE_HISTORY_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (\
    version BIGINT PRIMARY KEY NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL, \
    applied_at TEXT NOT NULL)";
const POSTGRES_HISTORY_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (\
    version BIGINT PRIMARY KEY NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL, \
    applied_at TIMESTAMPTZ NOT NULL)";
/// Serialises migrators across processes on PostgreSQL (any constant shared by all).
const POSTGRES_LOCK_KEY: i64 = 0x466c_7578_5374_7564;

/// Reads the history, or nothing when no migration ever ran.
async fn applied(db: &Db) -> Result<Vec<AppliedRow>, MigrationError> {
    if !crate::schema::table_exists(db, "schema_migrations").await? {
        return Ok(Vec::new());
    }
    let rows = read_with!(db, |pool| sqlx::query_as::<_, AppliedRow>(
        "SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version"
    )
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// Checks the history against the known steps: refuses unknown (newer) or edited steps.
fn verify(known: &[Migration], applied: &[AppliedRow]) -> Result<(), MigrationError> {
    let binary_version = known.last().map_or(0, |m| m.version);
    for row in applied {
        match known.iter().find(|m| m.version == row.version) {
            None => {
                return Err(MigrationError::NewerThanBinary {
                    database_version: applied.iter().map(|r| r.version).max().unwrap_or(0),
                    binary_version,
                });
            }
            Some(step) if step.checksum() != row.checksum => {
                return Err(MigrationError::Modified {
                    label: step.label(),
                });
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Every known step and when it was applied; errors as [`run`] would on a database it refuses.
pub async fn status(db: &Db) -> Result<Vec<MigrationStatus>, MigrationError> {
    let known = known(db.backend());
    let applied = applied(db).await?;
    verify(known, &applied)?;
    Ok(known
        .iter()
        .map(|step| MigrationStatus {
            version: step.version,
            name: step.name,
            applied_at: applied
                .iter()
                .find(|r| r.version == step.version)
                .map(|r| r.applied_at),
        })
        .collect())
}

/// Applies every pending step in order and returns how many it applied.
pub async fn run(
    db: &Db,
    mut on_progress: impl FnMut(Progress<'_>),
) -> Result<usize, MigrationError> {
    let known = known(db.backend());
    create_history_table(db).await?;
    verify(known, &applied(db).await?)?;
    let mut count = 0;
    for step in known {
        let started = Instant::now();
        if apply(db, step, &mut on_progress).await? {
            on_progress(Progress::Applied(step, started.elapsed()));
            count += 1;
        }
    }
    Ok(count)
}

async fn create_history_table(db: &Db) -> Result<(), MigrationError> {
    match db {
        Db::Sqlite(s) => {
            sqlx::raw_sql(SQLITE_HISTORY_TABLE)
                .execute(&s.writer)
                .await?;
        }
        Db::Postgres(pool) => {
            // Two servers starting at once would race on CREATE TABLE IF NOT EXISTS.
            let mut tx = pool.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(POSTGRES_LOCK_KEY)
                .execute(&mut *tx)
                .await?;
            sqlx::raw_sql(POSTGRES_HISTORY_TABLE)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Applies one step unless another process already did; true when this call applied it.
/// The step, its history row and the check happen under one lock in one transaction.
async fn apply(
    db: &Db,
    step: &Migration,
    on_progress: &mut impl FnMut(Progress<'_>),
) -> Result<bool, MigrationError> {
    let failed = |source| MigrationError::StepFailed {
        label: step.label(),
        source,
    };
    macro_rules! apply_in {
        ($tx:ident) => {{
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(step.version)
                    .fetch_optional(&mut *$tx)
                    .await?;
            if done.is_some() {
                return Ok(false);
            }
            on_progress(Progress::Applying(step));
            sqlx::raw_sql(step.sql)
                .execute(&mut *$tx)
                .await
                .map_err(failed)?;
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(step.version)
            .bind(step.name)
            .bind(step.checksum())
            .bind(Utc::now())
            .execute(&mut *$tx)
            .await
            .map_err(failed)?;
            $tx.commit().await.map_err(failed)?;
            Ok(true)
        }};
    }
    match db {
        Db::Sqlite(s) => {
            // IMMEDIATE takes the write lock before the check, so two processes cannot
            // both decide a step is pending.
            let mut tx = s.writer.begin_with("BEGIN IMMEDIATE").await?;
            apply_in!(tx)
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(POSTGRES_LOCK_KEY)
                .execute(&mut *tx)
                .await?;
            apply_in!(tx)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_know_the_same_numbered_steps() {
        let labels = |b| known(b).iter().map(Migration::label).collect::<Vec<_>>();
        assert_eq!(labels(Backend::Sqlite), labels(Backend::Postgres));
        assert_eq!(labels(Backend::Sqlite)[0], "0001_initial");
    }

    #[test]
    fn unknown_and_edited_steps_are_refused() {
        let steps = known(Backend::Sqlite);
        let row = |version: i64, checksum: String| AppliedRow {
            version,
            checksum,
            applied_at: Utc::now(),
        };
        assert!(verify(steps, &[row(1, steps[0].checksum())]).is_ok());
        let newer = verify(steps, &[row(1, steps[0].checksum()), row(999, "x".into())]);
        assert!(matches!(
            newer,
            Err(MigrationError::NewerThanBinary {
                database_version: 999,
                ..
            })
        ));
        let edited = verify(steps, &[row(1, "not-the-checksum".into())]);
        assert!(matches!(edited, Err(MigrationError::Modified { .. })));
    }
}
