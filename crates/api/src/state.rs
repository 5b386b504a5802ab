//! What every handler can reach: the database, the start time, and read-outs of the process.

use std::{sync::Arc, time::Instant};

use fluxstudio_store::Db;

use crate::probe::DbProbe;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    pub inner: Arc<Inner>,
}

pub struct Inner {
    pub db: Db,
    pub db_probe: DbProbe,
    pub started_at: Instant,
    /// Bytes currently allocated on the heap, from the process's allocator.
    pub heap_allocated: fn() -> u64,
    /// The key access tokens are signed with (HS256).
    pub jwt_secret: Arc<[u8]>,
}

impl AppState {
    pub fn new(db: Db, heap_allocated: fn() -> u64, jwt_secret: &[u8]) -> Self {
        Self {
            inner: Arc::new(Inner {
                db_probe: DbProbe::new(db.clone()),
                db,
                started_at: Instant::now(),
                heap_allocated,
                jwt_secret: Arc::from(jwt_secret),
            }),
        }
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }
}

/// The version this binary was built as, reported by `/api/health`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
