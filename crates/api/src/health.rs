//! `GET /api/health` (the seed's shape), `/api/health/live` and `/api/health/ready`.

use std::{
    sync::Mutex,
    time::{Duration, Instant},
};

use axum::{Json, extract::State, http::StatusCode};
use fluxstudio_store::Db;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::{AppState, VERSION};

/// How long a database answer is reused. Health checks from a load balancer, a status line
/// and a metrics scraper can arrive many times a second; one ping per second is enough
/// to know, and keeps `/api/health` as cheap as a static response.
const PROBE_FRESHNESS: Duration = Duration::from_secs(1);
/// How long a ping may take before the database counts as unreachable.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Pings the database at most once per [`PROBE_FRESHNESS`], sharing the answer.
pub struct DbProbe {
    db: Db,
    last: Mutex<Option<(Instant, bool)>>,
    /// Serialises pings so a burst of checks after expiry sends one query, not hundreds.
    in_flight: tokio::sync::Mutex<()>,
}

impl DbProbe {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            last: Mutex::new(None),
            in_flight: tokio::sync::Mutex::new(()),
        }
    }

    fn fresh(&self) -> Option<bool> {
        let last = *self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.filter(|(at, _)| at.elapsed() < PROBE_FRESHNESS)
            .map(|(_, up)| up)
    }

    /// Whether the database answered within the last second (pinging it if unknown).
    pub async fn is_up(&self) -> bool {
        if let Some(up) = self.fresh() {
            return up;
        }
        let _turn = self.in_flight.lock().await;
        if let Some(up) = self.fresh() {
            return up;
        }
        let up = match self.db.ping(PROBE_TIMEOUT).await {
            Ok(()) => true,
            Err(err) => {
                tracing::warn!(error = %err, "database health check failed");
                false
            }
        };
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), up));
        up
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// `healthy`, or `unhealthy` when the database does not answer.
    #[schema(example = "healthy")]
    pub status: &'static str,
    #[schema(example = "unified-backend")]
    pub service: &'static str,
    #[schema(example = "0.1.0")]
    pub version: &'static str,
    /// Seconds since the process started.
    pub uptime: f64,
    pub memory: Memory,
    pub database: DatabaseHealth,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    /// Resident set size in bytes, as the operating system counts it.
    pub rss: u64,
    /// Bytes currently allocated on the heap, as the allocator counts them.
    pub heap_used: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatabaseHealth {
    /// `connected` or `unreachable`.
    #[schema(example = "connected")]
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    #[schema(example = "sqlite")]
    pub backend: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Probe {
    #[schema(example = "ready")]
    pub status: &'static str,
    #[schema(example = "unified-backend")]
    pub service: &'static str,
}

const SERVICE: &str = "unified-backend";

/// The resident set size from the operating system, re-read at most once per
/// [`PROBE_FRESHNESS`] (a probe or scraper asking many times a second gets the same figure).
fn resident_bytes() -> u64 {
    use std::sync::{
        LazyLock,
        atomic::{AtomicU64, Ordering},
    };
    static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);
    static SAMPLED_AT_MS: AtomicU64 = AtomicU64::new(u64::MAX);
    static VALUE: AtomicU64 = AtomicU64::new(0);
    let now_ms = EPOCH.elapsed().as_millis() as u64;
    let at = SAMPLED_AT_MS.load(Ordering::Relaxed);
    if at != u64::MAX && now_ms.saturating_sub(at) < PROBE_FRESHNESS.as_millis() as u64 {
        return VALUE.load(Ordering::Relaxed);
    }
    let rss = read_resident_bytes();
    VALUE.store(rss, Ordering::Relaxed);
    SAMPLED_AT_MS.store(now_ms, Ordering::Relaxed);
    rss
}

/// Reads `/proc/self/statm` (pages × page size). The file is opened once and re-read in
/// place: procfs regenerates it on every read at offset 0.
fn read_resident_bytes() -> u64 {
    use std::{fs::File, os::unix::fs::FileExt, sync::OnceLock};
    const PAGE_SIZE: u64 = 4096;
    static STATM: OnceLock<Option<File>> = OnceLock::new();
    let Some(file) = STATM.get_or_init(|| File::open("/proc/self/statm").ok()) else {
        return 0;
    };
    let mut buf = [0u8; 128];
    let Ok(len) = file.read_at(&mut buf, 0) else {
        return 0;
    };
    std::str::from_utf8(&buf[..len])
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * PAGE_SIZE)
}

/// Service health as the seed's load balancer expects it.
#[utoipa::path(
    get, path = "/api/health", tag = "health",
    responses(
        (status = 200, description = "Healthy", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let up = state.inner.db_probe.is_up().await;
    let body = Health {
        status: if up { "healthy" } else { "unhealthy" },
        service: SERVICE,
        version: VERSION,
        uptime: state.inner.started_at.elapsed().as_secs_f64(),
        memory: Memory {
            rss: resident_bytes(),
            heap_used: (state.inner.heap_allocated)(),
        },
        database: DatabaseHealth {
            status: if up { "connected" } else { "unreachable" },
            backend: state.db().backend().as_str(),
        },
    };
    let status = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}

/// Liveness: the process runs and serves HTTP. Never touches the database.
#[utoipa::path(
    get, path = "/api/health/live", tag = "health",
    responses((status = 200, description = "Alive", body = Probe))
)]
pub async fn live() -> Json<Probe> {
    Json(Probe {
        status: "alive",
        service: SERVICE,
    })
}

/// Readiness: the database answers, so requests can be served.
#[utoipa::path(
    get, path = "/api/health/ready", tag = "health",
    responses(
        (status = 200, description = "Ready", body = Probe),
        (status = 503, description = "The database does not answer", body = Probe),
    )
)]
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Probe>) {
    if state.inner.db_probe.is_up().await {
        (
            StatusCode::OK,
            Json(Probe {
                status: "ready",
                service: SERVICE,
            }),
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Probe {
                status: "not_ready",
                service: SERVICE,
            }),
        )
    }
}
