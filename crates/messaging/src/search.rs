//! Searching the messages of the conversations the caller belongs to.

use fluxstudio_domain::Invalid;
use fluxstudio_store::{DbId, messaging::search};
use fluxstudio_workspace::WorkspaceError;

use crate::{MessageView, Messaging, Need};

/// Characters a query needs, letters and digits only.
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
        let terms = search::terms(query);
        if terms.iter().map(|t| t.chars().count()).sum::<usize>() < QUERY_MIN {
            return Err(Invalid::new(
                "q",
                format!("Search for at least {QUERY_MIN} letters or digits."),
            )
            .into());
        }
        if let Some(conversation) = conversation {
            self.open(user, conversation, Need::Read).await?;
        }
        let rows = search::messages(self.db(), user, &terms, conversation, before, limit).await?;
        self.views(rows).await
    }
}
