//! The database handle: embedded SQLite (the default) or PostgreSQL, chosen at run time
//! from `DATABASE_URL`, behind one type so the rest of the server never branches on it.

use std::{str::FromStr, time::Duration};

use sqlx::{
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};

use crate::{backend::Backend, error::StoreError, url::DatabaseUrl};

/// How to open the database.
#[derive(Debug, Clone)]
pub struct DbOptions {
    pub url: DatabaseUrl,
    /// Connections in the PostgreSQL pool, or SQLite reader connections.
    pub pool_size: u32,
    /// How long a query waits for a connection (and a first connect for the server) before
    /// it gives up: short, so an unreachable database is reported rather than hung on.
    pub acquire_timeout: Duration,
}

impl DbOptions {
    pub fn new(url: DatabaseUrl) -> Self {
        Self {
            url,
            pool_size: 10,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

/// What a refused server certificate means for the URL's settings (rustls's words name the
/// failure, not what to change); empty for any other error.
fn tls_hint(error: &sqlx::Error) -> &'static str {
    let words = error.to_string();
    if !words.contains("invalid peer certificate") {
        ""
    } else if words.contains("UnknownIssuer") {
        " (the server's certificate is not signed by the CA in sslrootcert, or by a public CA \
         when sslrootcert is not set)"
    } else if words.contains("not valid for name") {
        " (the server's certificate is for another host name than the URL's: sslmode=verify-full \
         checks it; connect by the name in the certificate)"
    } else {
        " (the server's certificate was refused)"
    }
}

/// SQLite allows one writer at a time; funnelling writes through a single connection
/// turns lock contention (SQLITE_BUSY on upgrade) into a short queue, while readers run
/// in parallel against the WAL.
#[derive(Debug, Clone)]
pub struct SqliteDb {
    pub reader: SqlitePool,
    pub writer: SqlitePool,
}

/// How transactions begin, per engine.
pub trait Begin {
    type Database: sqlx::Database;

    /// A transaction that writes. On SQLite it is `BEGIN IMMEDIATE`, which takes the write
    /// lock at once: a deferred transaction that reads before it writes, meeting a write of
    /// another process at its first write (`serve --only collab` shares the file), gets
    /// SQLITE_BUSY straight away, whatever the busy timeout; an immediate one waits its turn.
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>,
    > + Send;

    /// A transaction that only reads, every statement seeing the same snapshot: on
    /// PostgreSQL `REPEATABLE READ` (its default, `READ COMMITTED`, lets each statement see
    /// what committed after the one before); on SQLite a deferred transaction is one.
    fn begin_snapshot(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>,
    > + Send;
}

impl Begin for SqlitePool {
    type Database = sqlx::Sqlite;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error>,
    > + Send {
        self.begin_with("BEGIN IMMEDIATE")
    }

    fn begin_snapshot(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error>,
    > + Send {
        self.begin()
    }
}

impl Begin for PgPool {
    type Database = sqlx::Postgres;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>,
    > + Send {
        self.begin()
    }

    fn begin_snapshot(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>,
    > + Send {
        self.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    }
}

/// An open database. Cheap to clone (pools are reference counted).
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to a pool that may read: the SQLite reader pool or the
/// PostgreSQL pool. The body is written once and compiled for both backends.
#[macro_export]
macro_rules! read_with {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.reader;
                $body
            }
            $crate::Db::Postgres(pg) => {
                let $pool = pg;
                $body
            }
        }
    };
}

/// Like [`read_with!`], for statements that write: SQLite's single writer connection.
#[macro_export]
macro_rules! write_with {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.writer;
                $body
            }
            $crate::Db::Postgres(pg) => {
                let $pool = pg;
                $body
            }
        }
    };
}

impl Db {
    /// Opens the database and proves it answers. A SQLite file (and its folder) is created
    /// when missing, in WAL mode with foreign keys enforced.
    pub async fn connect(options: &DbOptions) -> Result<Self, StoreError> {
        let unreachable = |source: sqlx::Error| StoreError::Unreachable {
            url: options.url.to_string(),
            hint: tls_hint(&source),
            source,
        };
        match options.url.backend() {
            Backend::Sqlite => {
                if let Some(parent) = options
                    .url
                    .sqlite_path()
                    .and_then(|p| p.parent().map(|p| p.to_path_buf()))
                    .filter(|p| !p.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(&parent).map_err(|source| {
                        StoreError::CreateFolder {
                            path: parent.display().to_string(),
                            source,
                        }
                    })?;
                }
                let connect = SqliteConnectOptions::from_str(options.url.expose())
                    .map_err(unreachable)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a committed write survives a power cut, not just a crash.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                // The writer opens first so the file and WAL mode exist before readers attach.
                let writer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(options.acquire_timeout.max(Duration::from_secs(30)))
                    .test_before_acquire(false)
                    .connect_with(connect.clone())
                    .await
                    .map_err(unreachable)?;
                let reader = SqlitePoolOptions::new()
                    .max_connections(options.pool_size.max(1))
                    .acquire_timeout(options.acquire_timeout)
                    .test_before_acquire(false)
                    .connect_with(connect.read_only(true))
                    .await
                    .map_err(unreachable)?;
                Ok(Self::Sqlite(SqliteDb { reader, writer }))
            }
            Backend::Postgres => {
                // Read before connecting: the driver would only say "No such file".
                if let Some(root) = options.url.tls_root_cert() {
                    std::fs::File::open(&root).map_err(|source| StoreError::TlsRootCert {
                        path: root.display().to_string(),
                        source,
                    })?;
                }
                let connect =
                    PgConnectOptions::from_str(options.url.expose()).map_err(unreachable)?;
                let pool = PgPoolOptions::new()
                    .max_connections(options.pool_size.max(1))
                    .acquire_timeout(options.acquire_timeout)
                    .connect_with(connect)
                    .await
                    .map_err(unreachable)?;
                Ok(Self::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Answers whether the database responds within `timeout`.
    pub async fn ping(&self, timeout: Duration) -> Result<(), StoreError> {
        let query = async {
            read_with!(self, |pool| sqlx::query("SELECT 1")
                .execute(pool)
                .await
                .map(|_| ()))
        };
        match tokio::time::timeout(timeout, query).await {
            Ok(result) => result.map_err(StoreError::from),
            Err(_) => Err(StoreError::Database(sqlx::Error::PoolTimedOut)),
        }
    }

    /// Closes every connection, waiting for those in use to be returned.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(s) => {
                s.reader.close().await;
                s.writer.close().await;
            }
            Self::Postgres(p) => p.close().await,
        }
    }
}
