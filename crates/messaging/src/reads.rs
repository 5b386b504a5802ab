//! Read positions: how far each person has read each conversation. Unread counts and
//! read receipts both come from them, over REST and live alike.

use fluxstudio_store::{DbId, messaging::participants};
use fluxstudio_workspace::WorkspaceError;
use serde_json::json;

use crate::{Messaging, Need, service::now};

impl Messaging {
    /// Moves the caller's read position to `seq` (never back, never past the newest
    /// message; `None` means the newest). Announces the receipt; returns the position.
    pub async fn mark_read(
        &self,
        user: DbId,
        conversation: DbId,
        seq: Option<i64>,
    ) -> Result<i64, WorkspaceError> {
        let row = self.open(user, conversation, Need::Read).await?;
        let seq = seq.unwrap_or(row.last_seq).clamp(0, row.last_seq);
        let position = participants::mark_read(self.db(), conversation, user, seq, now()).await?;
        if position > row.last_read_seq {
            self.announce(
                conversation,
                "conversation:read",
                json!({
                    "conversationId": conversation.0,
                    "userId": user.0,
                    "lastReadSeq": position,
                }),
            );
        }
        Ok(position)
    }
}
