//! The cluster's background work: compaction and automatic versions of documents,
//! housekeeping of accounts, and the file sweep. One instance does it for all, the one that
//! leads (`fluxstudio_store::leader`: a PostgreSQL advisory lock; with SQLite, the one
//! instance). The others wait and take over when it stops or dies.

use std::time::Duration;

use fluxstudio_store::{Db, leader};
use tokio::task::JoinSet;

/// How often a leader checks it still leads.
const CHECK_EVERY: Duration = Duration::from_secs(5);
/// How often a follower asks whether it may lead now: soon after a leader stops, as a
/// restarted instance's old connection takes PostgreSQL a moment to notice.
const ASK_EVERY: Duration = Duration::from_secs(2);

/// What the leader runs.
pub struct Work {
    pub accounts: fluxstudio_accounts::Accounts,
    pub documents: fluxstudio_collab::Documents,
    pub files: fluxstudio_files::Files,
    pub sweep_grace: Duration,
}

/// Leads the background work whenever no other instance of this deployment does, until
/// the process ends. Dropped (at shutdown), it stops the work it runs. `key` names the
/// deployment ([`lock_key`]).
pub async fn lead(db: Db, key: i64, work: Work) {
    loop {
        match leader::try_lead(&db, key).await {
            Ok(Some(mut leadership)) => {
                tracing::info!("this instance leads the background work");
                let mut jobs = JoinSet::new();
                jobs.spawn(housekeeping(work.accounts.clone()));
                jobs.spawn(fluxstudio_collab::maintenance::store(
                    work.documents.clone(),
                ));
                jobs.spawn(sweep_files(work.files.clone(), work.sweep_grace));
                while leadership.held().await {
                    tokio::time::sleep(CHECK_EVERY).await;
                }
                // Dropping the set stops the jobs (a compaction cut short rolls back).
                drop(jobs);
                tracing::warn!("lost the lead of the background work (its database connection)");
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "cannot ask whether this instance may lead"),
        }
        tokio::time::sleep(ASK_EVERY).await;
    }
}

/// The advisory lock's key for a deployment: its instances share their secret, so the key
/// is made from it (a hash, which says nothing of the secret).
pub fn lock_key(secret: &[u8]) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"fluxstudio background work\0")
        .chain_update(secret)
        .finalize();
    let mut first = [0; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

/// Every hour, deletes sessions and email links that ended more than a week ago.
async fn housekeeping(accounts: fluxstudio_accounts::Accounts) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match accounts.purge_expired().await {
            Ok(0) => {}
            Ok(rows) => tracing::info!(rows, "purged ended sessions and expired email links"),
            Err(error) => tracing::warn!(%error, "could not purge ended sessions"),
        }
    }
}

/// At start and then every hour, removes from the file store what nothing names: uploads
/// a crash cut short, and the bytes of deleted files.
async fn sweep_files(files: fluxstudio_files::Files, grace: std::time::Duration) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match files.sweep(grace).await {
            Ok(swept) if swept == fluxstudio_files::sweep::Swept::default() => {}
            Ok(swept) => tracing::info!(
                temporaries = swept.temporaries,
                unnamed = swept.unnamed,
                expired_uploads = swept.expired_uploads,
                unsent_files = swept.unsent_files,
                "swept the file store"
            ),
            Err(error) => tracing::warn!(%error, "could not sweep the file store"),
        }
    }
}
