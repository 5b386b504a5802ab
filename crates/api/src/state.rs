//! What every handler can reach: the database, the account service, the rate limiters,
//! the start time, and read-outs of the process.

use std::{sync::Arc, time::Instant};

use fluxstudio_accounts::Accounts;
use fluxstudio_auth::csrf::CsrfKey;
use fluxstudio_collab::Documents;
use fluxstudio_files::Files;
use fluxstudio_messaging::Messaging;
use fluxstudio_store::Db;
use fluxstudio_workspace::Workspace;

use crate::{probe::DbProbe, rate_limit::RateLimits};

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
    pub accounts: Accounts,
    pub workspace: Workspace,
    pub messaging: Messaging,
    pub documents: Documents,
    pub files: Files,
    pub limits: RateLimits,
    /// The Redis instances share, when `REDIS_URL` is set.
    pub redis: Option<fluxstudio_cluster::Redis>,
    pub csrf: CsrfKey,
    pub web: WebSecurity,
}

/// How the API treats browsers and the network in front of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebSecurity {
    /// Cookies are marked `Secure` (production, behind TLS).
    pub secure_cookies: bool,
    /// Proxies in front of the server (`TRUST_PROXY`): the client address is read from the
    /// `X-Forwarded-For` entry this many hops from the right; 0 uses the socket's peer.
    pub trusted_proxies: usize,
}

/// What [`AppState::new`] is built from.
pub struct StateParts {
    pub db: Db,
    pub heap_allocated: fn() -> u64,
    pub accounts: Accounts,
    pub workspace: Workspace,
    pub messaging: Messaging,
    pub documents: Documents,
    pub files: Files,
    pub limits: RateLimits,
    pub redis: Option<fluxstudio_cluster::Redis>,
    /// The server's secret; the CSRF key is derived from it.
    pub secret: Vec<u8>,
    pub web: WebSecurity,
}

impl AppState {
    pub fn new(parts: StateParts) -> Self {
        Self {
            inner: Arc::new(Inner {
                db_probe: DbProbe::new(parts.db.clone()),
                db: parts.db,
                started_at: Instant::now(),
                heap_allocated: parts.heap_allocated,
                accounts: parts.accounts,
                workspace: parts.workspace,
                messaging: parts.messaging,
                documents: parts.documents,
                files: parts.files,
                limits: parts.limits,
                redis: parts.redis,
                csrf: CsrfKey::derive(&parts.secret),
                web: parts.web,
            }),
        }
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn accounts(&self) -> &Accounts {
        &self.inner.accounts
    }

    pub fn workspace(&self) -> &Workspace {
        &self.inner.workspace
    }

    pub fn messaging(&self) -> &Messaging {
        &self.inner.messaging
    }

    pub fn documents(&self) -> &Documents {
        &self.inner.documents
    }

    pub fn files(&self) -> &Files {
        &self.inner.files
    }
}

/// The version this binary was built as, reported by `/api/health`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
