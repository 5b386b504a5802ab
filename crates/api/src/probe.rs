//! Cheap read-outs for the health endpoints: whether the database answers and how much
//! memory the process holds, each refreshed at most once per [`PROBE_FRESHNESS`].

use std::{
    sync::Mutex,
    time::{Duration, Instant},
};

use fluxstudio_store::Db;

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

/// The resident set size from the operating system, re-read at most once per
/// [`PROBE_FRESHNESS`] (a probe or scraper asking many times a second gets the same figure).
pub fn resident_bytes() -> u64 {
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
