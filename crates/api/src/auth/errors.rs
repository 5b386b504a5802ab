//! Account refusals answered over REST: the accounts service says each one's status, code
//! and field (`AccountError::refusal`).

use fluxstudio_accounts::AccountError;

use crate::ApiError;

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        Self::refused(error.refusal(), &error)
    }
}
