//! Who may open a document and whether they may change it. The token is the access token
//! the API takes; reading needs the project's `View`, writing its `EditDocuments`. The write
//! verdict is read again when it is older than [`RECHECK_AFTER`], so someone made a viewer
//! stops writing within a second without a database read for every keystroke.

use std::time::{Duration, Instant};

use fluxstudio_accounts::{AccountError, Accounts};
use fluxstudio_store::DbId;
use fluxstudio_workspace::WorkspaceError;

use crate::{close::Refusal, documents::Documents};

const RECHECK_AFTER: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct Gate {
    accounts: Accounts,
    documents: Documents,
}

/// An admitted connection's standing.
pub struct Grant {
    gate: Gate,
    pub user: DbId,
    pub document: DbId,
    can_write: bool,
    checked: Instant,
}

impl Gate {
    pub fn new(accounts: Accounts, documents: Documents) -> Self {
        Self {
            accounts,
            documents,
        }
    }

    /// Admits the holder of `token` to `document`, or says why not.
    pub async fn admit(&self, token: Option<&str>, document: DbId) -> Result<Grant, Refusal> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or(Refusal::Unauthorized)?;
        let caller = self
            .accounts
            .authenticate(token)
            .await
            .map_err(|error| match error {
                AccountError::TokenExpired
                | AccountError::TokenInvalid
                | AccountError::SessionEnded
                | AccountError::Disabled => Refusal::Unauthorized,
                other => {
                    tracing::warn!(error = %other, "a collaboration token could not be checked");
                    Refusal::Unavailable
                }
            })?;
        let can_write = self.can_write(caller.user, document).await?;
        Ok(Grant {
            gate: self.clone(),
            user: caller.user,
            document,
            can_write,
            checked: Instant::now(),
        })
    }

    async fn can_write(&self, user: DbId, document: DbId) -> Result<bool, Refusal> {
        match self.documents.standing(user, document).await {
            Ok((_, can_edit)) => Ok(can_edit),
            Err(WorkspaceError::NotFound(_)) => Err(Refusal::NotFound),
            Err(error) => {
                tracing::warn!(%error, "document access could not be checked");
                Err(Refusal::Unavailable)
            }
        }
    }
}

impl Grant {
    /// The write verdict, read again when it is old. Losing access to the document
    /// altogether ends the connection.
    pub async fn may_write(&mut self) -> Result<bool, Refusal> {
        if self.checked.elapsed() >= RECHECK_AFTER {
            self.can_write = self.gate.can_write(self.user, self.document).await?;
            self.checked = Instant::now();
        }
        Ok(self.can_write)
    }
}
