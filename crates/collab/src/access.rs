//! Who may open a document and whether they may change it. The token is the access token
//! the API takes; reading needs the project's `View`, writing its `EditDocuments`. An open
//! connection's standing is kept true afterwards by the [`crate::watch`]: its session, its
//! account and its access to the project are checked again while it lives.

use chrono::{DateTime, Utc};
use fluxstudio_accounts::{AccountError, Accounts};
use fluxstudio_store::DbId;
use fluxstudio_workspace::WorkspaceError;

use crate::{close::Refusal, documents::Documents};

#[derive(Clone)]
pub struct Gate {
    accounts: Accounts,
    documents: Documents,
}

/// An admitted connection: who, by which session, to which document, until when.
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    pub user: DbId,
    pub session: DbId,
    pub document: DbId,
    /// When the token the connection was opened with expires.
    pub expires_at: DateTime<Utc>,
    pub can_write: bool,
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
        let (caller, expires_at) = self
            .accounts
            .authenticate_until(token)
            .await
            .map_err(refusal_of)?;
        let can_write = self.can_write(caller.user, document).await?;
        Ok(Grant {
            user: caller.user,
            session: caller.session,
            document,
            expires_at,
            can_write,
        })
    }

    /// Whether the connection of `grant` may still read (`Ok(false)`) or write
    /// (`Ok(true)`), or why it must end: its session ended or its account was disabled
    /// (unauthorized), or its person may no longer see the document (not found).
    pub async fn recheck(&self, grant: &Grant) -> Result<bool, Refusal> {
        self.accounts
            .caller(grant.session, grant.user)
            .await
            .map_err(refusal_of)?;
        self.can_write(grant.user, grant.document).await
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

fn refusal_of(error: AccountError) -> Refusal {
    match error {
        AccountError::TokenExpired
        | AccountError::TokenInvalid
        | AccountError::SessionEnded
        | AccountError::Disabled => Refusal::Unauthorized,
        other => {
            tracing::warn!(error = %other, "a collaboration token could not be checked");
            Refusal::Unavailable
        }
    }
}
