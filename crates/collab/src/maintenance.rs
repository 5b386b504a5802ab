//! Work the collaboration service does on its own: unloading documents nobody has open,
//! compacting stored updates into a document's state, and taking the periodic automatic
//! versions that feed the history.

use std::time::{Duration, Instant};

use fluxstudio_store::documents::{content, snapshots};

use crate::{documents::Documents, hub::Hub, stored};

/// Documents compacted or snapshotted per round, so one round never runs long.
const PER_ROUND: i64 = 50;

/// How often idle documents are looked for: unloading is a scan of the rooms in memory,
/// so it can run often; a document leaves in the second before its idle time ends.
const UNLOAD_EVERY: Duration = Duration::from_secs(1);

/// Unloads idle documents from this instance's memory, until the process ends. Apart from
/// [`store`], so a long compaction never holds an idle document in memory.
pub async fn unload(hub: Hub) {
    let mut ticker = tokio::time::interval(UNLOAD_EVERY);
    loop {
        ticker.tick().await;
        let unloaded = hub.unload_idle(UNLOAD_EVERY);
        if unloaded > 0 {
            tracing::debug!(unloaded, "idle documents unloaded");
        }
    }
}

/// Compaction and automatic versions, each when its time comes, until the process ends:
/// work on the stored documents, which one instance of a cluster does for all.
pub async fn store(documents: Documents) {
    let documents = &documents;
    let limits = *documents.hub().limits();
    let mut ticker = tokio::time::interval(UNLOAD_EVERY);
    let mut last_compaction = Instant::now();
    let mut last_snapshots = Instant::now();
    loop {
        ticker.tick().await;
        if last_compaction.elapsed() >= limits.maintenance_every {
            last_compaction = Instant::now();
            if let Err(error) = compact(documents, limits.compact_after).await {
                tracing::warn!(%error, "document compaction failed; trying again later");
            }
        }
        if last_snapshots.elapsed() >= limits.snapshot_every {
            last_snapshots = Instant::now();
            if let Err(error) = take_snapshots(documents).await {
                tracing::warn!(%error, "automatic document versions failed; trying again later");
            }
        }
    }
}

/// Merges the stored updates of documents with more than `threshold` of them.
pub async fn compact(documents: &Documents, threshold: i64) -> Result<usize, stored::StoredError> {
    let db = documents.db();
    let mut done = 0;
    for id in content::needing_compaction(db, threshold, PER_ROUND).await? {
        if let Some((doc, upto)) = stored::load(db, id).await?
            && content::compact(db, id, &stored::state(&doc), upto).await?
        {
            done += 1;
        }
    }
    Ok(done)
}

/// An automatic version of every document changed since its last one.
pub async fn take_snapshots(
    documents: &Documents,
) -> Result<usize, fluxstudio_workspace::WorkspaceError> {
    let mut done = 0;
    for id in snapshots::changed_since_automatic(documents.db(), PER_ROUND).await? {
        documents
            .snapshot(id, "Automatic version", true, None)
            .await?;
        done += 1;
    }
    Ok(done)
}
