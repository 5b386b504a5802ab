//! How large a client's messages may be, and how long an unused document stays loaded.

use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest WebSocket frame accepted; a larger one closes the connection.
    pub max_frame_bytes: usize,
    /// The largest awareness state one client may publish (its cursor, name, colour).
    pub max_awareness_bytes: usize,
    /// A document nobody has open is unloaded from memory after this long.
    pub idle_unload: Duration,
    /// Updates stored after a document's compacted state before they are merged into it.
    pub compact_after: i64,
    /// A document that changed is snapshotted for its history this often.
    pub snapshot_every: Duration,
    /// How often compaction looks for documents with many stored updates.
    pub maintenance_every: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_frame_bytes: 1 << 20,
            max_awareness_bytes: 16 << 10,
            idle_unload: Duration::from_secs(30),
            compact_after: 500,
            snapshot_every: Duration::from_secs(600),
            maintenance_every: Duration::from_secs(5),
        }
    }
}
