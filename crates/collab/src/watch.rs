//! Keeps every open document connection's standing true while it lives, not only at
//! connect: its session may end (sign-out, revocation, a password change), its account may
//! be disabled, its person may lose the project or be made a viewer. A connection that may
//! no longer read is ended with a close code that says why; one that may no longer write
//! has its changes dropped.
//!
//! Two ways in: the event bus tells this process's changes at once (a session ended, an
//! access changed, a project deleted), and every [`RECHECK_EVERY`] all open connections
//! are checked against the database, which catches what another process changed (the API
//! beside a standalone collaboration service).

use std::{
    collections::{HashMap, hash_map::Entry},
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use fluxstudio_events::{Audience, Event};
use fluxstudio_store::DbId;
use tokio::sync::{broadcast, watch};

use crate::{
    access::{Gate, Grant},
    close::Refusal,
};

/// How often every open connection is checked against the database.
pub const RECHECK_EVERY: Duration = Duration::from_secs(1);

/// What an open connection may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Reader,
    Writer,
    /// It must close, for this reason.
    Ended(Refusal),
}

impl Standing {
    fn of(can_write: bool) -> Self {
        if can_write {
            Self::Writer
        } else {
            Self::Reader
        }
    }
}

#[derive(Clone)]
pub struct Watch {
    inner: Arc<Inner>,
}

struct Inner {
    gate: Gate,
    open: Mutex<HashMap<u64, Watched>>,
    next_id: AtomicU64,
}

struct Watched {
    grant: Grant,
    standing: watch::Sender<Standing>,
}

/// A connection's place in the watch; it leaves when this is dropped.
pub struct Watching {
    watch: Watch,
    id: u64,
    grant: Grant,
    standing: watch::Receiver<Standing>,
}

impl Watch {
    pub fn new(gate: Gate) -> Self {
        Self {
            inner: Arc::new(Inner {
                gate,
                open: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
            }),
        }
    }

    pub fn gate(&self) -> &Gate {
        &self.inner.gate
    }

    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Watched>> {
        self.inner
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Watches an admitted connection from now on.
    pub fn enter(&self, grant: Grant) -> Watching {
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, standing) = watch::channel(Standing::of(grant.can_write));
        self.open().insert(
            id,
            Watched {
                grant,
                standing: sender,
            },
        );
        Watching {
            watch: self.clone(),
            id,
            grant,
            standing,
        }
    }

    /// Checks connections when the bus says something changed, and all of them every
    /// [`RECHECK_EVERY`]. `events` is this process's bus.
    pub async fn run(self, mut events: broadcast::Receiver<Event>) {
        let mut every = tokio::time::interval(RECHECK_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut listening = true;
        loop {
            tokio::select! {
                _ = every.tick() => self.recheck(|_| true).await,
                event = events.recv(), if listening => match event {
                    Ok(Event::SessionsChanged { user } | Event::AccessChanged { user }) => {
                        self.recheck(|grant| grant.user.0 == user).await;
                    }
                    // A deleted project: its documents are gone, and so is the access.
                    Ok(Event::Closed { audience: Audience::Project(_) }) => {
                        self.recheck(|_| true).await;
                    }
                    Ok(_) => {}
                    Err(broadcast::error::RecvError::Lagged(_)) => self.recheck(|_| true).await,
                    Err(broadcast::error::RecvError::Closed) => listening = false,
                },
            }
        }
    }

    /// Checks the open connections `which` selects, once per session and document, and
    /// tells each the verdict. A database that cannot answer changes nothing: the next
    /// look tries again.
    pub async fn recheck(&self, which: impl Fn(&Grant) -> bool) {
        let grants: Vec<Grant> = self
            .open()
            .values()
            .map(|watched| watched.grant)
            .filter(|grant| which(grant))
            .collect();
        let mut verdicts: HashMap<(DbId, DbId, DbId), Result<bool, Refusal>> = HashMap::new();
        for grant in grants {
            let key = (grant.user, grant.session, grant.document);
            if let Entry::Vacant(vacant) = verdicts.entry(key) {
                vacant.insert(self.inner.gate.recheck(&grant).await);
            }
        }
        for watched in self.open().values() {
            let grant = &watched.grant;
            let standing = match verdicts.get(&(grant.user, grant.session, grant.document)) {
                None | Some(Err(Refusal::Unavailable)) => continue,
                Some(Ok(can_write)) => Standing::of(*can_write),
                // They knew the document: it is no longer theirs to see.
                Some(Err(Refusal::NotFound)) => Standing::Ended(Refusal::AccessEnded),
                Some(Err(refusal)) => Standing::Ended(*refusal),
            };
            watched.standing.send_if_modified(|current| {
                let changed = *current != standing && !matches!(current, Standing::Ended(_));
                if changed {
                    *current = standing;
                }
                changed
            });
        }
    }

    /// Open connections being watched.
    pub fn len(&self) -> usize {
        self.open().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Watching {
    pub fn grant(&self) -> &Grant {
        &self.grant
    }

    /// Whether the connection's changes may be applied now.
    pub fn can_write(&self) -> bool {
        *self.standing.borrow() == Standing::Writer
    }

    /// Resolves when the connection must close, with the reason.
    pub async fn ended(&mut self) -> Refusal {
        loop {
            if let Standing::Ended(refusal) = *self.standing.borrow_and_update() {
                return refusal;
            }
            if self.standing.changed().await.is_err() {
                // The watch forgot this connection: nothing will end it from here.
                std::future::pending::<()>().await;
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.watch.open().remove(&self.id);
    }
}
