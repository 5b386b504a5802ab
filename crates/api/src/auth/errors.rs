//! How account refusals are spelled on the wire: a status and a stable code each.

use axum::http::StatusCode;
use fluxstudio_accounts::AccountError;

use crate::ApiError;

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        let message = error.to_string();
        let (status, code) = match &error {
            AccountError::Invalid(invalid) => return invalid.clone().into(),
            AccountError::Store(_) | AccountError::Internal(_) => {
                return match error {
                    AccountError::Store(store) => store.into(),
                    other => ApiError::internal(other),
                };
            }
            AccountError::EmailTaken => (StatusCode::CONFLICT, "email_taken"),
            AccountError::RegistrationClosed => (StatusCode::FORBIDDEN, "registration_closed"),
            AccountError::InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            AccountError::WrongPassword => (StatusCode::UNAUTHORIZED, "wrong_password"),
            AccountError::Disabled => (StatusCode::FORBIDDEN, "account_disabled"),
            AccountError::TokenExpired => (StatusCode::UNAUTHORIZED, "token_expired"),
            AccountError::TokenInvalid => (StatusCode::UNAUTHORIZED, "invalid_token"),
            AccountError::SessionEnded => (StatusCode::UNAUTHORIZED, "session_ended"),
            AccountError::RefreshRefused => (StatusCode::UNAUTHORIZED, "invalid_refresh_token"),
            AccountError::InvalidCode => (StatusCode::UNAUTHORIZED, "invalid_code"),
            AccountError::ChallengeExpired => (StatusCode::UNAUTHORIZED, "challenge_expired"),
            AccountError::TwoFactorNotPending => (StatusCode::CONFLICT, "two_factor_not_pending"),
            AccountError::TwoFactorAlreadyOn => (StatusCode::CONFLICT, "two_factor_enabled"),
            AccountError::TwoFactorOff => (StatusCode::CONFLICT, "two_factor_disabled"),
            AccountError::InvalidLink => (StatusCode::NOT_FOUND, "invalid_token"),
            AccountError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            AccountError::NotAdmin => (StatusCode::FORBIDDEN, "forbidden"),
            AccountError::LastAdmin => (StatusCode::CONFLICT, "last_admin"),
        };
        let api = ApiError::new(status, code, message);
        match error {
            AccountError::WrongPassword => api.with_field("currentPassword"),
            AccountError::InvalidCode => api.with_field("code"),
            _ => api,
        }
    }
}
