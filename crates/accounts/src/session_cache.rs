//! A one-second memory of live sessions, so a burst of requests from one session checks
//! the database once rather than on every request. Anything in this process that ends a
//! session or changes a user's standing clears it at once, so here a revocation still
//! takes effect on the very next request; another instance of the server (sharing the
//! database) hears of it through Redis and clears its own (`fluxstudio::relay`), or, without
//! Redis, sees it within the second.

use std::{
    collections::HashMap,
    sync::{Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

use fluxstudio_store::{DbId, accounts::sessions::SessionAuth};

/// How long a checked session is trusted without asking the database again.
const FRESH_FOR: Duration = Duration::from_secs(1);
/// Past this many entries the memory is emptied rather than grown (sessions are cheap to
/// look up again).
const MAX_ENTRIES: usize = 100_000;

#[derive(Default)]
pub(crate) struct SessionCache {
    entries: Mutex<HashMap<DbId, (SessionAuth, Instant)>>,
}

impl SessionCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<DbId, (SessionAuth, Instant)>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self, session: DbId, now: Instant) -> Option<SessionAuth> {
        let entries = self.lock();
        let (auth, at) = entries.get(&session)?;
        (now.duration_since(*at) < FRESH_FOR).then(|| auth.clone())
    }

    pub(crate) fn put(&self, session: DbId, auth: SessionAuth, now: Instant) {
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(session, (auth, now));
    }

    /// Forgets every session: called whenever one ends or a user's standing changes.
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn auth() -> SessionAuth {
        SessionAuth {
            user_id: DbId::new(),
            revoked: false,
            expires_at: Utc::now(),
            is_active: true,
            is_admin: false,
        }
    }

    #[test]
    fn trusted_for_a_second_and_forgotten_on_any_change() {
        let cache = SessionCache::default();
        let (session, now) = (DbId::new(), Instant::now());
        cache.put(session, auth(), now);
        assert!(
            cache
                .get(session, now + Duration::from_millis(900))
                .is_some()
        );
        assert!(
            cache.get(session, now + FRESH_FOR).is_none(),
            "stale after a second"
        );
        assert!(cache.get(DbId::new(), now).is_none());
        cache.clear();
        assert!(cache.get(session, now).is_none(), "a revocation clears it");
    }
}
