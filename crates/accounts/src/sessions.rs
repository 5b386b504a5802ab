//! A user's sessions: listing them, ending one, ending all, signing out.

use fluxstudio_auth::refresh;
use fluxstudio_store::{
    DbId,
    accounts::sessions::{self, SessionRow},
};

use crate::{
    AccountError, Accounts, Caller, Client,
    events::{Event, EventKind, Severity},
    service::now,
};

impl Accounts {
    /// The caller's live sessions, most recently used first.
    pub async fn sessions(&self, caller: &Caller) -> Result<Vec<SessionRow>, AccountError> {
        Ok(sessions::live(self.db(), caller.user, now()).await?)
    }

    /// Ends one of the caller's sessions (possibly the current one).
    pub async fn revoke_session(
        &self,
        caller: &Caller,
        session: DbId,
        client: &Client,
    ) -> Result<(), AccountError> {
        if !sessions::revoke(self.db(), caller.user, session, "revoked_by_user", now()).await? {
            return Err(AccountError::NotFound("session"));
        }
        self.sessions_changed(caller.user);
        self.session_event(EventKind::SessionRevoked, caller.user, session, client)
            .await;
        Ok(())
    }

    /// Signs out the session a refresh token belongs to (current or already rotated).
    /// An unknown token is not an error: signing out twice is harmless.
    pub async fn logout_token(&self, token: &str, client: &Client) -> Result<(), AccountError> {
        if let Some((session, user)) =
            sessions::of_token(self.db(), &refresh::digest(token)).await?
        {
            self.end(user, session, client).await?;
        }
        Ok(())
    }

    /// Signs out the caller's own session (a bearer request without a refresh token).
    pub async fn logout_session(
        &self,
        caller: &Caller,
        client: &Client,
    ) -> Result<(), AccountError> {
        self.end(caller.user, caller.session, client).await
    }

    async fn end(&self, user: DbId, session: DbId, client: &Client) -> Result<(), AccountError> {
        if sessions::revoke(self.db(), user, session, "logout", now()).await? {
            self.sessions_changed(user);
            self.session_event(EventKind::Logout, user, session, client)
                .await;
        }
        Ok(())
    }

    /// Ends every session of the caller, this one included. Returns how many ended.
    pub async fn logout_all(&self, caller: &Caller, client: &Client) -> Result<u64, AccountError> {
        let ended = sessions::revoke_all(self.db(), caller.user, None, "logout_all", now()).await?;
        self.sessions_changed(caller.user);
        self.record(
            Event::new(EventKind::LogoutAll, Severity::Info, client)
                .by(caller.user)
                .in_session(caller.session)
                .with(serde_json::json!({ "sessionsRevoked": ended })),
        )
        .await;
        Ok(ended)
    }

    async fn session_event(&self, kind: EventKind, user: DbId, session: DbId, client: &Client) {
        self.record(
            Event::new(kind, Severity::Info, client)
                .by(user)
                .in_session(session),
        )
        .await;
    }
}
