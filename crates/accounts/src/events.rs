//! The security events accounts record. Recording never blocks what it describes: a
//! failure to write one is logged and the operation goes on.

use chrono::Utc;
use fluxstudio_store::{
    Db, DbId,
    accounts::security_events::{self, NewEvent},
};

use crate::client::Client;

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

/// One event about to be recorded.
pub struct Event<'a> {
    pub kind: EventKind,
    pub severity: Severity,
    pub user: Option<DbId>,
    pub session: Option<DbId>,
    pub client: &'a Client,
    pub metadata: Option<serde_json::Value>,
}

pub(crate) async fn record(db: &Db, event: Event<'_>) {
    let row = NewEvent {
        event_type: event.kind.as_str(),
        severity: event.severity.as_str(),
        user_id: event.user,
        session_id: event.session,
        ip_address: event.client.ip.as_deref(),
        user_agent: event.client.user_agent.as_deref(),
        metadata: event.metadata,
    };
    if let Err(error) = security_events::insert(db, &row, Utc::now()).await {
        tracing::warn!(%error, event = row.event_type, "could not record a security event");
    }
}
