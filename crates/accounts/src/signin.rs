//! Signing in: the password step, the two-factor step when the account has it, and
//! refreshing a session's tokens.

use chrono::Duration;
use fluxstudio_auth::{access::CHALLENGE_SECONDS, recovery, refresh, totp::TotpSecret};
use fluxstudio_domain::Email;
use fluxstudio_store::{
    DbId,
    accounts::{
        sessions::{self, Rotation},
        two_factor,
        users::{self, UserRow},
    },
};

use crate::{
    AccountError, Accounts, Client, Grant, SignIn,
    events::{Event, EventKind, Severity},
    grant::REFRESH_DAYS,
    service::now,
};

impl Accounts {
    /// The password step. A wrong email and a wrong password are the same refusal, and
    /// take the same time. An account with two-factor gets a challenge instead of tokens.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client: &Client,
    ) -> Result<SignIn, AccountError> {
        // An address that cannot be an email is simply an unknown account.
        let user = match Email::parse(email) {
            Ok(email) => users::by_email(self.db(), email.as_str()).await?,
            Err(_) => None,
        };
        let stored = user.as_ref().and_then(|u| u.password_hash.as_deref());
        if !self.check_password(password, stored).await? {
            self.record_failure(user.as_ref().map(|u| u.id), client, "password")
                .await;
            // The same refusal for an unknown email, a wrong password and an account that
            // has no password (it signs in through a provider): none reveals the account.
            return Err(AccountError::InvalidCredentials);
        }
        let Some(user) = user else {
            return Err(AccountError::InvalidCredentials);
        };
        if !user.is_active {
            return Err(AccountError::Disabled);
        }
        if user.totp_secret.is_some() {
            let challenge = self
                .inner
                .tokens
                .issue_challenge(user.id.0, now())
                .map_err(AccountError::internal)?;
            return Ok(SignIn::TwoFactorRequired {
                challenge,
                expires_in: CHALLENGE_SECONDS,
            });
        }
        let grant = self
            .open_session(user, client, EventKind::LoginSuccess)
            .await?;
        Ok(SignIn::Granted(Box::new(grant)))
    }

    /// The two-factor step: a current authenticator code, or one of the recovery codes.
    pub async fn login_two_factor(
        &self,
        challenge: &str,
        code: &str,
        client: &Client,
    ) -> Result<Grant, AccountError> {
        let user_id = self
            .inner
            .tokens
            .verify_challenge(challenge)
            .map_err(|e| match e {
                fluxstudio_auth::access::TokenError::Expired => AccountError::ChallengeExpired,
                _ => AccountError::TokenInvalid,
            })?;
        let user = users::by_id(self.db(), DbId(user_id))
            .await?
            .ok_or(AccountError::TokenInvalid)?;
        if !user.is_active {
            return Err(AccountError::Disabled);
        }
        match self.check_second_factor(&user, code).await? {
            Some(recovery_used) => {
                if recovery_used {
                    self.note(
                        EventKind::RecoveryCodeUsed,
                        Severity::Warning,
                        &user,
                        client,
                    )
                    .await;
                }
                self.open_session(user, client, EventKind::LoginSuccess)
                    .await
            }
            None => {
                self.record_failure(Some(user.id), client, "two_factor_code")
                    .await;
                Err(AccountError::InvalidCode)
            }
        }
    }

    /// Whether `code` is a fresh authenticator code or an unused recovery code of `user`:
    /// `Some(false)` for the former, `Some(true)` for the latter, `None` for neither.
    /// Either way the code is spent.
    pub(crate) async fn check_second_factor(
        &self,
        user: &UserRow,
        code: &str,
    ) -> Result<Option<bool>, AccountError> {
        let Some(secret) = user
            .totp_secret
            .as_deref()
            .and_then(TotpSecret::from_base32)
        else {
            return Ok(None);
        };
        if let Some(step) = secret.verify(code, now().timestamp(), user.totp_last_step) {
            return Ok(two_factor::claim_step(self.db(), user.id, step)
                .await?
                .then_some(false));
        }
        if let Some(normalized) = recovery::normalize(code) {
            let hash = recovery::digest(&normalized);
            if two_factor::use_recovery_code(self.db(), user.id, &hash, now()).await? {
                return Ok(Some(true));
            }
        }
        Ok(None)
    }

    /// Exchanges a refresh token for new tokens. The presented token is spent; presenting
    /// it again revokes the session and is recorded as an attack.
    pub async fn refresh(&self, token: &str, client: &Client) -> Result<Grant, AccountError> {
        let issued = refresh::issue().map_err(AccountError::internal)?;
        let now = now();
        let rotation = sessions::rotate(
            self.db(),
            &refresh::digest(token),
            &issued.hash,
            now,
            now + Duration::days(REFRESH_DAYS),
        )
        .await?;
        match rotation {
            Rotation::Rotated { session, user } => {
                let user = users::by_id(self.db(), user)
                    .await?
                    .ok_or(AccountError::RefreshRefused)?;
                self.grant(user, session, issued.token)
            }
            Rotation::Reused { session, user } => {
                self.sessions_changed(user);
                self.record(
                    Event::new(EventKind::RefreshTokenReuse, Severity::Critical, client)
                        .by(user)
                        .in_session(session)
                        .with(serde_json::json!({"sessionRevoked": true})),
                )
                .await;
                Err(AccountError::RefreshRefused)
            }
            Rotation::Refused => Err(AccountError::RefreshRefused),
        }
    }

    async fn record_failure(&self, user: Option<DbId>, client: &Client, step: &str) {
        let kind = if step == "password" {
            EventKind::LoginFailed
        } else {
            EventKind::TwoFactorFailed
        };
        self.record(
            Event::new(kind, Severity::Warning, client)
                .by_maybe(user)
                .with(serde_json::json!({ "step": step })),
        )
        .await;
    }
}

impl Accounts {
    /// Wrong passwords paused sign-in to the account of `email` (if there is one) from
    /// `client`'s address: its owner is told by mail, and the pause is recorded. Nothing
    /// happens for an address without an account, so the caller need not know which.
    pub async fn sign_in_paused(&self, email: &str, client: &Client) {
        let Ok(email) = Email::parse(email) else {
            return;
        };
        let user = match users::by_email(self.db(), email.as_str()).await {
            Ok(Some(user)) => user,
            Ok(None) => return,
            Err(error) => {
                tracing::warn!(%error, "could not look up an account whose sign-in was paused");
                return;
            }
        };
        let address = client.ip.as_deref().unwrap_or("an unknown address");
        let mail = fluxstudio_mail::templates::sign_in_paused(
            &self.inner.mail,
            &user.email,
            &user.name,
            address,
        );
        self.inner.mailer.send_in_background(mail);
        self.record(
            Event::new(EventKind::RateLimitExceeded, Severity::Warning, client)
                .by(user.id)
                .with(serde_json::json!({ "limit": "failed_sign_ins" })),
        )
        .await;
    }
}
