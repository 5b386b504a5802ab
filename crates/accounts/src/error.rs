//! Why an account operation was refused, and how that is answered ([`AccountError::refusal`]:
//! a status and a stable code each). The messages are written for the person at the keyboard.

use fluxstudio_domain::{Invalid, Refusal};
use fluxstudio_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("An account with this email already exists.")]
    EmailTaken,
    #[error("Registration is closed on this instance; ask for an invitation.")]
    RegistrationClosed,
    /// Wrong email or password; which one is never said.
    #[error("The email or password is not correct.")]
    InvalidCredentials,
    #[error("The current password is not correct.")]
    WrongPassword,
    #[error("This account is disabled. Contact an administrator.")]
    Disabled,
    #[error("Your session has expired. Sign in again.")]
    TokenExpired,
    #[error("The access token is not valid. Sign in again.")]
    TokenInvalid,
    #[error("This session has ended. Sign in again.")]
    SessionEnded,
    #[error("The refresh token is not valid, has expired or was revoked. Sign in again.")]
    RefreshRefused,
    #[error("The authentication code is not correct or was already used.")]
    InvalidCode,
    #[error("The sign-in took too long. Start again with your email and password.")]
    ChallengeExpired,
    #[error("Start two-factor set-up first.")]
    TwoFactorNotPending,
    #[error("Two-factor authentication is already on.")]
    TwoFactorAlreadyOn,
    #[error("Two-factor authentication is not on.")]
    TwoFactorOff,
    #[error("This link is not valid, has expired or was already used.")]
    InvalidLink,
    #[error("This invitation link is not valid, has expired, was revoked or was already used.")]
    InvitationInvalid,
    #[error("No such {0}.")]
    NotFound(&'static str),
    #[error("Only instance administrators may do this.")]
    NotAdmin,
    #[error("This would leave the instance without an active administrator.")]
    LastAdmin,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl AccountError {
    pub(crate) fn internal(error: impl std::fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }

    /// How this refusal is answered, by REST and by any other transport.
    pub fn refusal(&self) -> Refusal {
        let says = |status, code| Refusal::new(status, code, self.to_string());
        match self {
            Self::Invalid(invalid) => invalid.clone().into(),
            Self::Store(store) => store.refusal(),
            Self::Internal(_) => Refusal::internal(),
            Self::EmailTaken => says(409, "email_taken"),
            Self::RegistrationClosed => says(403, "registration_closed"),
            Self::InvalidCredentials => says(401, "invalid_credentials"),
            Self::WrongPassword => says(401, "wrong_password").on("currentPassword"),
            Self::Disabled => says(403, "account_disabled"),
            Self::TokenExpired => says(401, "token_expired"),
            Self::TokenInvalid => says(401, "invalid_token"),
            Self::SessionEnded => says(401, "session_ended"),
            Self::RefreshRefused => says(401, "invalid_refresh_token"),
            Self::InvalidCode => says(401, "invalid_code").on("code"),
            Self::ChallengeExpired => says(401, "challenge_expired"),
            Self::TwoFactorNotPending => says(409, "two_factor_not_pending"),
            Self::TwoFactorAlreadyOn => says(409, "two_factor_enabled"),
            Self::TwoFactorOff => says(409, "two_factor_disabled"),
            Self::InvalidLink => says(404, "invalid_token"),
            Self::InvitationInvalid => says(404, "invitation_invalid"),
            Self::NotFound(_) => says(404, "not_found"),
            Self::NotAdmin => says(403, "forbidden"),
            Self::LastAdmin => says(409, "last_admin"),
        }
    }
}
