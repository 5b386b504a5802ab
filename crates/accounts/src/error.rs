//! Why an account operation was refused. The API maps each to a status and a code; the
//! messages are written for the person at the keyboard.

use fluxstudio_domain::Invalid;
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
}
