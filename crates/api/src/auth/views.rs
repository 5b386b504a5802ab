//! The JSON shapes of the account endpoints, as PRODUCT.md fixes them.

use chrono::{DateTime, Utc};
use fluxstudio_accounts::{Grant, SessionRow, UserRow};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// An account as its owner (and an admin) sees it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    /// `client` or `designer`.
    pub user_type: String,
    pub created_at: DateTime<Utc>,
    pub avatar_url: Option<String>,
    pub timezone: Option<String>,
    pub email_verified: bool,
    pub is_admin: bool,
    pub is_active: bool,
    pub two_factor_enabled: bool,
    pub last_login_at: Option<DateTime<Utc>>,
}

impl From<UserRow> for UserView {
    fn from(user: UserRow) -> Self {
        Self {
            id: user.id.0,
            email: user.email,
            name: user.name,
            user_type: user.user_type,
            created_at: user.created_at,
            avatar_url: user.avatar_url,
            timezone: user.timezone,
            email_verified: user.email_verified,
            is_admin: user.is_admin,
            is_active: user.is_active,
            two_factor_enabled: user.totp_secret.is_some(),
            last_login_at: user.last_login_at,
        }
    }
}

/// Tokens for a session, and the user they belong to (signup, login).
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthResponse {
    #[serde(flatten)]
    pub tokens: TokenResponse,
    pub user: UserView,
}

impl From<Grant> for AuthResponse {
    fn from(grant: Grant) -> Self {
        Self {
            tokens: TokenResponse::of(&grant),
            user: grant.user.into(),
        }
    }
}

/// A session's tokens (the seed's shape, which names the access token twice).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    /// The access token again, under the name the seed's clients read.
    pub token: String,
    /// A JWT to send as `Authorization: Bearer`, valid `expiresIn` seconds.
    pub access_token: String,
    /// Exchange at `POST /api/auth/refresh` for new tokens; valid 7 days, single use.
    /// Browsers also receive it as an HttpOnly cookie and should not keep this copy.
    pub refresh_token: String,
    #[schema(example = 900)]
    pub expires_in: i64,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
}

impl TokenResponse {
    pub fn of(grant: &Grant) -> Self {
        Self {
            token: grant.access_token.clone(),
            access_token: grant.access_token.clone(),
            refresh_token: grant.refresh_token.clone(),
            expires_in: grant.expires_in,
            token_type: "Bearer",
        }
    }
}

/// The password was right; the account's second factor is due.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TwoFactorChallenge {
    /// Always true.
    pub two_factor_required: bool,
    /// Send with the code to `POST /api/auth/login/2fa`.
    pub challenge_token: String,
    /// Seconds the challenge stays valid.
    pub expires_in: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: Uuid,
    /// e.g. `Firefox 128 on Windows`.
    pub device_name: String,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The session this request is made from.
    pub is_current: bool,
}

impl SessionView {
    pub fn new(row: SessionRow, current: Uuid) -> Self {
        Self {
            is_current: row.id.0 == current,
            id: row.id.0,
            device_name: row.device_name,
            ip_address: row.ip_address,
            user_agent: row.user_agent,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Sessions {
    pub sessions: Vec<SessionView>,
}

/// A confirmation in words.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Done {
    pub message: String,
    /// How many sessions ended, where that applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions_revoked: Option<u64>,
}

impl Done {
    pub fn says(message: &str) -> Self {
        Self {
            message: message.to_owned(),
            sessions_revoked: None,
        }
    }
}
