//! Two-factor authentication with an authenticator app (TOTP): set up, confirm with a
//! first code (which turns it on and hands out ten recovery codes), and turn off.

use fluxstudio_auth::{recovery, totp::TotpSecret};
use fluxstudio_store::accounts::{sessions, two_factor};

use crate::{
    AccountError, Accounts, Caller, Client,
    events::{EventKind, Severity},
    service::now,
};

/// What the authenticator app needs: the secret, as text and as an `otpauth://` URI
/// (which the web app shows as a QR code).
#[derive(Debug, Clone)]
pub struct TwoFactorSetup {
    pub secret: String,
    pub otpauth_uri: String,
}

#[derive(Debug, Clone, Copy)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub recovery_codes_left: i64,
}

impl Accounts {
    pub async fn two_factor_status(
        &self,
        caller: &Caller,
    ) -> Result<TwoFactorStatus, AccountError> {
        let user = self.me(caller).await?;
        Ok(TwoFactorStatus {
            enabled: user.totp_secret.is_some(),
            recovery_codes_left: self.recovery_codes_left(caller).await?,
        })
    }

    /// Starts set-up with a new secret, kept pending until a code from it is confirmed.
    /// Starting again replaces the pending secret.
    pub async fn setup_two_factor(&self, caller: &Caller) -> Result<TwoFactorSetup, AccountError> {
        let user = self.me(caller).await?;
        if user.totp_secret.is_some() {
            return Err(AccountError::TwoFactorAlreadyOn);
        }
        let secret = TotpSecret::generate().map_err(AccountError::internal)?;
        let text = secret.base32();
        two_factor::set_pending(self.db(), user.id, &text).await?;
        Ok(TwoFactorSetup {
            otpauth_uri: secret.otpauth_uri(&self.inner.config.app_name, &user.email),
            secret: text,
        })
    }

    /// Turns two-factor on with a code from the pending secret. Returns the ten recovery
    /// codes, shown this once: only their hashes are kept.
    pub async fn confirm_two_factor(
        &self,
        caller: &Caller,
        code: &str,
        client: &Client,
    ) -> Result<Vec<String>, AccountError> {
        let user = self.me(caller).await?;
        if user.totp_secret.is_some() {
            return Err(AccountError::TwoFactorAlreadyOn);
        }
        let pending = user
            .totp_pending_secret
            .clone()
            .ok_or(AccountError::TwoFactorNotPending)?;
        let secret = TotpSecret::from_base32(&pending).ok_or(AccountError::TwoFactorNotPending)?;
        let step = secret
            .verify(code, now().timestamp(), None)
            .ok_or(AccountError::InvalidCode)?;
        let codes = recovery::generate().map_err(AccountError::internal)?;
        let hashes: Vec<String> = codes
            .iter()
            .filter_map(|c| recovery::normalize(c))
            .map(|c| recovery::digest(&c))
            .collect();
        if !two_factor::enable(self.db(), user.id, &pending, step, &hashes, now()).await? {
            return Err(AccountError::TwoFactorNotPending);
        }
        // As with a new password: a session opened without the second factor (perhaps by
        // whoever made the owner turn it on) does not carry on past it.
        sessions::revoke_all(
            self.db(),
            user.id,
            Some(caller.session),
            "two_factor_enabled",
            now(),
        )
        .await?;
        self.sessions_changed(user.id);
        self.note(EventKind::TwoFactorEnabled, Severity::Info, &user, client)
            .await;
        Ok(codes)
    }

    /// Turns two-factor off: needs the password and a current code (or a recovery code).
    pub async fn disable_two_factor(
        &self,
        caller: &Caller,
        password: &str,
        code: &str,
        client: &Client,
    ) -> Result<(), AccountError> {
        let user = self.me(caller).await?;
        if user.totp_secret.is_none() {
            return Err(AccountError::TwoFactorOff);
        }
        if !self
            .check_password(password, user.password_hash.as_deref())
            .await?
        {
            return Err(AccountError::WrongPassword);
        }
        match self.check_second_factor(&user, code).await? {
            None => return Err(AccountError::InvalidCode),
            Some(true) => {
                self.note(
                    EventKind::RecoveryCodeUsed,
                    Severity::Warning,
                    &user,
                    client,
                )
                .await
            }
            Some(false) => {}
        }
        two_factor::disable(self.db(), user.id, now()).await?;
        self.note(
            EventKind::TwoFactorDisabled,
            Severity::Warning,
            &user,
            client,
        )
        .await;
        Ok(())
    }
}
