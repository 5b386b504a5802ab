//! The integration-test harness: starts the real `fluxstudio` binary on `127.0.0.1:0`
//! with a fresh database (a new SQLite file, or a new database in the throwaway
//! PostgreSQL cluster the test command starts), waits for readiness by polling, and
//! stops it at the end. Every test runs once per backend through [`both_backends!`].
// Each test file uses a different part of the harness.
#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, ExitStatus, Output, Stdio},
    time::{Duration, Instant},
};

use sqlx::{Connection, Executor, PgConnection};

pub const BIN: &str = env!("CARGO_BIN_EXE_fluxstudio");
/// The throwaway cluster's admin URL, exported by `scripts/test.sh`.
pub const PG_ADMIN_URL_VAR: &str = "FLUX_TEST_POSTGRES_URL";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(25);

/// What a test server inherits from the shell that runs the tests: nothing but these, so a
/// developer's own configuration (a `DATABASE_URL`, a `RUST_LOG`, any new variable) can never
/// leak into a test. Each test adds what it sets.
const INHERITED: &[&str] = &["PATH", "TMPDIR", "RUST_BACKTRACE", "LLVM_PROFILE_FILE"];

/// A command for the binary in `cwd` with a cleared environment plus [`INHERITED`].
pub fn clean_command(cwd: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.current_dir(cwd).stdin(Stdio::null()).env_clear();
    for var in INHERITED {
        if let Some(value) = std::env::var_os(var) {
            command.env(var, value);
        }
    }
    command
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates `NAME_sqlite` and `NAME_postgres` tests from one `async fn NAME(backend)`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Backend::Sqlite).await
                }
            )+
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Backend::Postgres).await
                }
            )+
        }
    };
}

/// Generates a `NAME` test on SQLite alone from one `async fn NAME(backend)`: for what is
/// decided before the database is reached (routing, layers, the document), which the
/// backend cannot change.
#[macro_export]
macro_rules! any_backend {
    ($($name:ident),+ $(,)?) => {
        mod on_any_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Backend::Sqlite).await
                }
            )+
        }
    };
}

/// A scratch folder, removed when dropped unless the test failed (kept for its logs).
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("fluxstudio-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("test files kept in {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// The admin URL of the test cluster; a clear failure when the test command did not start one.
pub fn pg_admin_url() -> String {
    std::env::var(PG_ADMIN_URL_VAR).unwrap_or_else(|_| {
        panic!(
            "{PG_ADMIN_URL_VAR} is not set: PostgreSQL tests need the throwaway cluster that \
             scripts/test.sh starts (run the whole suite with scripts/test.sh)"
        )
    })
}

/// Replaces the database name of a PostgreSQL URL.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

/// A fresh, empty database on `backend`; its URL is what the server gets as `DATABASE_URL`.
pub async fn fresh_database(backend: Backend, scratch: &Scratch) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}/data/fluxstudio.db", scratch.path().display()),
        Backend::Postgres => {
            let admin = pg_admin_url();
            let name = format!("flux_{}", uuid::Uuid::new_v4().simple());
            let mut conn = PgConnection::connect(&admin)
                .await
                .expect("connect to the test cluster");
            conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("create a test database");
            conn.close().await.ok();
            with_database(&admin, &name)
        }
    }
}

/// How to start a server; `start` runs it.
pub struct ServerBuilder {
    backend: Backend,
    env: Vec<(String, String)>,
    args: Vec<String>,
    database_url: Option<String>,
}

pub fn server(backend: Backend) -> ServerBuilder {
    ServerBuilder {
        backend,
        env: Vec::new(),
        args: Vec::new(),
        database_url: None,
    }
}

impl ServerBuilder {
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.to_owned());
        self
    }

    pub fn database_url(mut self, url: &str) -> Self {
        self.database_url = Some(url.to_owned());
        self
    }

    /// Starts the binary and waits until `/api/health/ready` answers 200.
    pub async fn start(self) -> Server {
        let scratch = Scratch::new();
        let database_url = match self.database_url {
            Some(url) => url,
            None => fresh_database(self.backend, &scratch).await,
        };
        let addr_file = scratch.path().join("addr");
        let log_path = scratch.path().join("server.log");
        let log = std::fs::File::create(&log_path).expect("create server log");
        let mut command = clean_command(scratch.path());
        command
            .args(["serve", "--host", "127.0.0.1", "--port", "0", "--addr-file"])
            .arg(&addr_file)
            .args(&self.args)
            .env("DATABASE_URL", &database_url)
            .stdout(log.try_clone().expect("clone log handle"))
            .stderr(log);
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        let child = command.spawn().expect("start fluxstudio");
        let mut server = Server {
            child,
            base_url: String::new(),
            database_url,
            log_path,
            client: reqwest::Client::new(),
            scratch,
        };
        server.wait_until_ready(&addr_file).await;
        server
    }
}

pub struct Server {
    pub child: Child,
    pub base_url: String,
    pub database_url: String,
    pub log_path: PathBuf,
    pub client: reqwest::Client,
    pub scratch: Scratch,
}

impl Server {
    async fn wait_until_ready(&mut self, addr_file: &Path) {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server process") {
                panic!("fluxstudio exited early ({status}):\n{}", self.log());
            }
            if self.base_url.is_empty()
                && let Ok(addr) = std::fs::read_to_string(addr_file)
                && !addr.is_empty()
            {
                self.base_url = format!("http://{}", addr.trim());
            }
            if !self.base_url.is_empty() {
                let ready = self.client.get(self.url("/api/health/ready")).send().await;
                if ready.is_ok_and(|r| r.status() == 200) {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "fluxstudio was not ready within {STARTUP_TIMEOUT:?}:\n{}",
                self.log()
            );
            tokio::time::sleep(POLL).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request to the server")
    }

    /// A GET with one extra request header.
    pub async fn get_with(&self, path: &str, (name, value): (&str, &str)) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header(name, value)
            .send()
            .await
            .expect("request to the server")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// Sends SIGTERM, as an orchestrator would.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits for the process to exit (at most `timeout`).
    pub async fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server process") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "fluxstudio did not exit within {timeout:?}:\n{}",
                self.log()
            );
            tokio::time::sleep(POLL).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary to completion (for `migrate`, `admin` and configuration errors).
pub fn run_cli(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = clean_command(cwd);
    command.args(args).envs(env.iter().copied());
    command.output().expect("run fluxstudio")
}

/// A finished command's status, stdout and stderr, for assertion messages.
pub fn printed(output: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}stderr:\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    )
}

/// A command refused as a person should see it: a failure exit, and one line on stderr,
/// `fluxstudio: …`, that contains each of `needles`.
#[track_caller]
pub fn refused_in_one_line(output: &Output, needles: &[&str]) {
    assert!(!output.status.success(), "{}", printed(output));
    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {}", printed(output));
    assert!(lines[0].starts_with("fluxstudio: "), "{}", printed(output));
    for needle in needles {
        assert!(
            lines[0].contains(needle),
            "{needle:?} in {}",
            printed(output)
        );
    }
}

/// A response header as text ("" when absent).
pub fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Opens the store on `url` directly, to inspect what the server wrote.
pub async fn open_store(url: &str) -> fluxstudio_store::Db {
    let url = fluxstudio_store::DatabaseUrl::parse(url).expect("a valid database URL");
    fluxstudio_store::Db::connect(&fluxstudio_store::DbOptions::new(url))
        .await
        .expect("open the test database")
}

/// A TCP port nothing listens on right now.
///
/// Below the kernel's ephemeral range (32768-60999 here): a server a test stops and starts
/// again must get its port back, and a client that keeps connecting to it meanwhile may be
/// given that very port as its own when it lies in that range (a TCP connection to itself),
/// which then holds it.
pub fn free_port() -> u16 {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
        ^ std::process::id().wrapping_mul(2_654_435_761);
    (0..10_000u32)
        .map(|i| 20_000 + (seed.wrapping_add(i.wrapping_mul(7_919)) % 12_000) as u16)
        .find(|port| std::net::TcpListener::bind(("127.0.0.1", *port)).is_ok())
        .expect("find a free port")
}

/// A private PostgreSQL cluster a test may stop and start (`scripts/pg-cluster.sh`).
pub struct PgCluster {
    pub dir: Scratch,
    pub port: u16,
    /// Serves only TLS, with a certificate for `localhost` from a throwaway CA
    /// (`dir/tls/ca.crt`; `dir/tls/other-ca.crt` signed nothing): `PG_TLS=1`.
    pub tls: bool,
}

impl PgCluster {
    pub fn start() -> Self {
        Self::started(false)
    }

    pub fn start_tls() -> Self {
        Self::started(true)
    }

    fn started(tls: bool) -> Self {
        let cluster = Self {
            dir: Scratch::new(),
            port: free_port(),
            tls,
        };
        cluster.up();
        cluster
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn script(&self, action: &str) {
        let tls = if self.tls { "1" } else { "0" };
        run_script(
            "pg-cluster.sh",
            action,
            self.dir.path(),
            self.port,
            &[("PG_TLS", tls)],
        );
    }

    pub fn up(&self) {
        self.script("start");
    }

    pub fn down(&self) {
        self.script("stop");
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = script_command("pg-cluster.sh", "stop", self.dir.path(), self.port).output();
    }
}

/// `bash scripts/NAME ACTION DIR PORT`.
fn script_command(name: &str, action: &str, dir: &Path, port: u16) -> Command {
    let mut command = Command::new("bash");
    command
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../scripts")
                .join(name),
        )
        .arg(action)
        .arg(dir)
        .arg(port.to_string());
    command
}

/// Runs one of the throwaway servers' scripts (`pg-cluster.sh`, `redis-server.sh`), which
/// must succeed.
fn run_script(name: &str, action: &str, dir: &Path, port: u16, env: &[(&str, &str)]) {
    let output = script_command(name, action, dir, port)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("run scripts/{name}: {e}"));
    assert!(
        output.status.success(),
        "{name} {action} failed:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// A private Redis a test may stop and start (`scripts/redis-server.sh`), so tests of
/// several instances share nothing with each other.
pub struct RedisServer {
    pub dir: Scratch,
    pub port: u16,
}

impl RedisServer {
    pub fn start() -> Self {
        let redis = Self {
            dir: Scratch::new(),
            port: free_port(),
        };
        redis.up();
        redis
    }

    /// The URL instances get as `REDIS_URL` (RESP3, as the Socket.IO adapter needs).
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/?protocol=resp3", self.port)
    }

    fn script(&self, action: &str) {
        run_script("redis-server.sh", action, self.dir.path(), self.port, &[]);
    }

    pub fn up(&self) {
        self.script("start");
    }

    /// Stops Redis and waits until it no longer answers.
    pub fn down(&self) {
        self.script("stop");
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.script("stop");
    }
}

/// Polls `path` until its answer (status, JSON body) is `wanted`, and returns it; a failure
/// with the server's log after 30 s.
pub async fn poll_until(
    server: &Server,
    path: &str,
    wanted: impl Fn(u16, &serde_json::Value) -> bool,
) -> (u16, serde_json::Value) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = server.get(path).await;
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or_default();
        if wanted(status, &body) {
            return (status, body);
        }
        assert!(
            Instant::now() < deadline,
            "{path} still answers {status} {body}:\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
