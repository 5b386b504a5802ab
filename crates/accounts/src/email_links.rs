//! Links sent by email: verifying an address and resetting a forgotten password. Tokens
//! are 256 random bits, stored as SHA-256, single-use.

use chrono::Duration;
use fluxstudio_auth::refresh;
use fluxstudio_domain::{Email, Password};
use fluxstudio_mail::templates;
use fluxstudio_store::accounts::{
    email_tokens, sessions,
    users::{self, UserRow},
};

use crate::{
    AccountError, Accounts, Caller, Client,
    events::{EventKind, Severity},
    service::now,
};

const VERIFY: &str = "verify_email";
const RESET: &str = "reset_password";
/// A verification link stays valid two days; a reset link one hour (the issue's rule).
const VERIFY_HOURS: i64 = 48;
const RESET_HOURS: i64 = 1;

impl Accounts {
    /// Issues a verification link for `user` and mails it (in the background).
    pub(crate) async fn send_verification(&self, user: &UserRow) -> Result<(), AccountError> {
        let token = self.issue_link(user, VERIFY, VERIFY_HOURS).await?;
        let mail = templates::verify_email(&self.inner.mail, &user.email, &user.name, &token);
        self.inner.mailer.send_in_background(mail);
        Ok(())
    }

    /// Sends a new verification link to the caller, unless the address is verified.
    pub async fn resend_verification(&self, caller: &Caller) -> Result<bool, AccountError> {
        let user = self.me(caller).await?;
        if user.email_verified {
            return Ok(false);
        }
        self.send_verification(&user).await?;
        Ok(true)
    }

    /// Marks the address of the link's user verified.
    pub async fn verify_email(&self, token: &str, client: &Client) -> Result<(), AccountError> {
        let user = email_tokens::consume(self.db(), VERIFY, &refresh::digest(token), now())
            .await?
            .ok_or(AccountError::InvalidLink)?;
        users::mark_email_verified(self.db(), user, now()).await?;
        if let Some(user) = users::by_id(self.db(), user).await? {
            self.note(EventKind::EmailVerified, Severity::Info, &user, client)
                .await;
        }
        Ok(())
    }

    /// Mails a reset link when the address belongs to an active account. Everything,
    /// the lookup included, happens in the background after the caller is answered, so
    /// neither the answer nor its timing reveals whether the account exists.
    pub fn forgot_password(&self, email: &str, client: &Client) {
        let Ok(email) = Email::parse(email) else {
            return;
        };
        let (accounts, client) = (self.clone(), client.clone());
        tokio::spawn(async move {
            if let Err(error) = accounts.send_reset(&email, &client).await {
                tracing::warn!(%error, "could not send a password reset link");
            }
        });
    }

    async fn send_reset(&self, email: &Email, client: &Client) -> Result<(), AccountError> {
        let Some(user) = users::by_email(self.db(), email.as_str()).await? else {
            return Ok(());
        };
        if !user.is_active {
            return Ok(());
        }
        let token = self.issue_link(&user, RESET, RESET_HOURS).await?;
        let mail = templates::reset_password(&self.inner.mail, &user.email, &user.name, &token);
        self.inner.mailer.send_in_background(mail);
        self.note(
            EventKind::PasswordResetRequested,
            Severity::Info,
            &user,
            client,
        )
        .await;
        Ok(())
    }

    /// Sets a new password through a reset link and ends every session of the account.
    pub async fn reset_password(
        &self,
        token: &str,
        password: Password,
        client: &Client,
    ) -> Result<(), AccountError> {
        let user = email_tokens::consume(self.db(), RESET, &refresh::digest(token), now())
            .await?
            .ok_or(AccountError::InvalidLink)?;
        let hash = self.hash_password(password).await?;
        let now = now();
        users::set_password_hash(self.db(), user, &hash, now).await?;
        // Receiving the link proves the address too.
        users::mark_email_verified(self.db(), user, now).await?;
        sessions::revoke_all(self.db(), user, None, "password_reset", now).await?;
        self.sessions_changed(user);
        if let Some(user) = users::by_id(self.db(), user).await? {
            self.note(EventKind::PasswordReset, Severity::Warning, &user, client)
                .await;
        }
        Ok(())
    }

    async fn issue_link(
        &self,
        user: &UserRow,
        purpose: &str,
        hours: i64,
    ) -> Result<String, AccountError> {
        let issued = refresh::issue().map_err(AccountError::internal)?;
        let now = now();
        email_tokens::issue(
            self.db(),
            user.id,
            purpose,
            &issued.hash,
            now,
            now + Duration::hours(hours),
        )
        .await?;
        Ok(issued.token)
    }
}
