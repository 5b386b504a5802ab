//! Searching the messages of the conversations the caller belongs to.

use fluxstudio_store::{DbId, messaging::search};
use fluxstudio_workspace::WorkspaceError;

use crate::{MessageView, Messaging, Need};

/// Letters and digits a query needs before it is looked for: fewer would match almost
/// everything, so such a query finds nothing.
pub const QUERY_MIN: usize = 2;

impl Messaging {
    /// Messages matching every word of `query` (the last as a prefix), newest first;
    /// within one conversation when given.
    pub async fn search(
        &self,
        user: DbId,
        query: &str,
        conversation: Option<DbId>,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<MessageView>, WorkspaceError> {
        fluxstudio_domain::text::search(query)?;
        if let Some(conversation) = conversation {
            self.open(user, conversation, Need::Read).await?;
        }
        let terms = search::terms(query);
        if terms.iter().map(|t| t.chars().count()).sum::<usize>() < QUERY_MIN {
            return Ok(Vec::new());
        }
        let rows = search::messages(self.db(), user, &terms, conversation, before, limit).await?;
        self.views(rows).await
    }
}
