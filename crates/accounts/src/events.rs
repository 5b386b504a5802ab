//! The security events accounts record. Recording never blocks what it describes: a
//! failure to write one is logged and the operation goes on.

use chrono::Utc;
use fluxstudio_store::{
    DbId,
    accounts::security_events::{self, NewEvent},
};

use fluxstudio_store::accounts::users::UserRow;

use crate::{Accounts, client::Client};

fluxstudio_domain::vocabulary! {
    /// What happened.
    pub enum EventKind {
        SignupSuccess = "signup_success",
        LoginSuccess = "login_success",
        LoginFailed = "login_failed",
        Logout = "logout",
        LogoutAll = "logout_all",
        RefreshTokenReuse = "refresh_token_reuse",
        SessionRevoked = "session_revoked",
        PasswordChanged = "password_changed",
        PasswordResetRequested = "password_reset_requested",
        PasswordReset = "password_reset",
        EmailVerified = "email_verified",
        TwoFactorEnabled = "two_factor_enabled",
        TwoFactorDisabled = "two_factor_disabled",
        TwoFactorFailed = "two_factor_failed",
        RecoveryCodeUsed = "recovery_code_used",
        RateLimitExceeded = "rate_limit_exceeded",
        AdminAction = "admin_action",
        OauthLinked = "oauth_linked",
    }
}

fluxstudio_domain::vocabulary! {
    /// How much an administrator should care.
    pub enum Severity {
        Info = "info",
        Warning = "warning",
        Critical = "critical",
    }
}

/// One event about to be recorded, built up from what happened and to whom.
pub(crate) struct Event<'a> {
    kind: EventKind,
    severity: Severity,
    user: Option<DbId>,
    session: Option<DbId>,
    client: &'a Client,
    metadata: Option<serde_json::Value>,
}

impl<'a> Event<'a> {
    pub(crate) fn new(kind: EventKind, severity: Severity, client: &'a Client) -> Self {
        Self {
            kind,
            severity,
            user: None,
            session: None,
            client,
            metadata: None,
        }
    }

    /// The user it happened to (or who did it).
    pub(crate) fn by(self, user: DbId) -> Self {
        self.by_maybe(Some(user))
    }

    pub(crate) fn by_maybe(mut self, user: Option<DbId>) -> Self {
        self.user = user;
        self
    }

    pub(crate) fn in_session(mut self, session: DbId) -> Self {
        self.session = Some(session);
        self
    }

    /// Details, as a JSON object.
    pub(crate) fn with(mut self, metadata: serde_json::Value) -> Self {
        self.metadata = Some(metadata);
        self
    }
}

impl Accounts {
    /// Records `event`. A failure is logged and never fails what the event describes.
    pub(crate) async fn record(&self, event: Event<'_>) {
        let row = NewEvent {
            event_type: event.kind.as_str(),
            severity: event.severity.as_str(),
            user_id: event.user,
            session_id: event.session,
            ip_address: event.client.ip.as_deref(),
            user_agent: event.client.user_agent.as_deref(),
            metadata: event.metadata,
        };
        if let Err(error) = security_events::insert(self.db(), &row, Utc::now()).await {
            tracing::warn!(%error, event = row.event_type, "could not record a security event");
        }
    }

    /// Records a plain event about `user`.
    pub(crate) async fn note(
        &self,
        kind: EventKind,
        severity: Severity,
        user: &UserRow,
        client: &Client,
    ) {
        self.record(Event::new(kind, severity, client).by(user.id))
            .await;
    }
}
