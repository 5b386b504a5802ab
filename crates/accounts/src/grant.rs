//! What a successful sign-in hands back: an access token, a refresh token, and the user.

use chrono::Duration;
use fluxstudio_auth::refresh;
use fluxstudio_domain::device_name;
use fluxstudio_store::{
    DbId,
    accounts::{sessions, users::UserRow},
};

use crate::{
    AccountError, Accounts, Client,
    events::{Event, EventKind, Severity},
    service::now,
};

/// How long a refresh token (and so an idle session) lives: the seed's 7 days.
pub const REFRESH_DAYS: i64 = 7;

/// Tokens for a session: the access token (15 minutes) and its refresh token (7 days).
#[derive(Debug, Clone)]
pub struct Grant {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lives.
    pub expires_in: i64,
    pub session: DbId,
    pub user: UserRow,
}

/// The outcome of the password step.
#[derive(Debug, Clone)]
pub enum SignIn {
    Granted(Box<Grant>),
    /// The account has two-factor authentication: the code is due with this challenge.
    TwoFactorRequired {
        challenge: String,
        expires_in: i64,
    },
}

impl Accounts {
    /// Opens a session for `user` on `client`'s device and records the sign-in.
    pub(crate) async fn open_session(
        &self,
        mut user: UserRow,
        client: &Client,
        kind: EventKind,
    ) -> Result<Grant, AccountError> {
        let issued = refresh::issue().map_err(AccountError::internal)?;
        let now = now();
        let device = device_name(client.user_agent.as_deref());
        let session = sessions::open(
            self.db(),
            user.id,
            &sessions::Device {
                name: &device,
                ip_address: client.ip.as_deref(),
                user_agent: client.user_agent.as_deref(),
            },
            &issued.hash,
            now,
            now + Duration::days(REFRESH_DAYS),
        )
        .await?;
        user.last_login_at = Some(now);
        self.record(
            Event::new(kind, Severity::Info, client)
                .by(user.id)
                .in_session(session),
        )
        .await;
        self.grant(user, session, issued.token)
    }

    /// The access token for an open session, with the refresh token that goes with it.
    pub(crate) fn grant(
        &self,
        user: UserRow,
        session: DbId,
        refresh_token: String,
    ) -> Result<Grant, AccountError> {
        let access_token = self
            .inner
            .tokens
            .issue(user.id.0, &user.email, &user.user_type, session.0, now())
            .map_err(AccountError::internal)?;
        Ok(Grant {
            access_token,
            refresh_token,
            expires_in: self.inner.tokens.lifetime_seconds(),
            session,
            user,
        })
    }
}
