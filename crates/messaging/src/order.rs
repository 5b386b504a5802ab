//! Keeps live delivery in sequence order. Two messages sent to one conversation at once
//! are numbered by the database; holding a per-conversation lock from the insert until
//! the announcement makes them reach the bus in that same order, so a client sees
//! 41 before 42 and a gap only when it really missed something.

use fluxstudio_store::DbId;
use tokio::sync::{Mutex, MutexGuard};

/// Locks striped by conversation: enough that unrelated conversations rarely wait on
/// each other, few enough to cost nothing.
const STRIPES: usize = 64;

pub(crate) struct SendOrder {
    stripes: Vec<Mutex<()>>,
}

impl Default for SendOrder {
    fn default() -> Self {
        Self {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
        }
    }
}

impl SendOrder {
    pub(crate) async fn lock(&self, conversation: DbId) -> MutexGuard<'_, ()> {
        // The low bits of a UUIDv7 are random, so they spread conversations evenly.
        let index = (conversation.0.as_u128() as usize) % STRIPES;
        self.stripes[index].lock().await
    }
}
