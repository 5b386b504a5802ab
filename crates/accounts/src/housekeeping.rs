//! Clearing out what can no longer be used: ended sessions with their refresh tokens, and
//! expired email links, once they are a week past their end (kept that long so a user
//! can still see why a session ended, and an admin can correlate it with events).

use chrono::Duration;
use fluxstudio_store::accounts::{email_tokens, sessions};

use crate::{AccountError, Accounts, service::now};

/// How long ended sessions and expired links are kept.
const KEEP_DAYS: i64 = 7;

impl Accounts {
    /// Deletes ended sessions and expired links older than a week. Returns how many rows.
    pub async fn purge_expired(&self) -> Result<u64, AccountError> {
        let before = now() - Duration::days(KEEP_DAYS);
        let sessions = sessions::purge(self.db(), before).await?;
        let links = email_tokens::purge(self.db(), before).await?;
        Ok(sessions + links)
    }
}
