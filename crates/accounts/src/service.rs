//! The account service: the database, the token signer, the mailer and the settings that
//! every account operation shares. Cheap to clone.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use fluxstudio_auth::{access::AccessTokens, password::Cost};
use fluxstudio_mail::{MailConfig, Mailer};
use fluxstudio_store::{Db, DbId, accounts::sessions};

use crate::{error::AccountError, session_cache::SessionCache};

/// Settings from the server's configuration.
#[derive(Debug, Clone)]
pub struct AccountsConfig {
    /// `ENABLE_REGISTRATION`: when false, signup needs an invitation.
    pub registration_open: bool,
    /// The Argon2id cost of new password hashes.
    pub password_cost: Cost,
    /// `APP_NAME`, shown by authenticator apps next to the account.
    pub app_name: String,
}

#[derive(Clone)]
pub struct Accounts {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) db: Db,
    pub(crate) tokens: AccessTokens,
    pub(crate) mailer: Mailer,
    pub(crate) mail: MailConfig,
    pub(crate) config: AccountsConfig,
    /// A hash of no one's password, checked when an email is unknown so that a login's
    /// timing does not reveal whether the account exists.
    pub(crate) decoy_hash: OnceLock<String>,
    pub(crate) live_sessions: SessionCache,
    /// Where ended sessions are announced, so live connections are checked again.
    pub(crate) bus: fluxstudio_events::EventBus,
}

/// Who is calling, proven by a valid access token of a live session.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: DbId,
    pub session: DbId,
    pub is_admin: bool,
}

impl Accounts {
    pub fn new(
        db: Db,
        tokens: AccessTokens,
        mailer: Mailer,
        mail: MailConfig,
        config: AccountsConfig,
        bus: fluxstudio_events::EventBus,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                tokens,
                mailer,
                mail,
                config,
                decoy_hash: OnceLock::new(),
                live_sessions: SessionCache::default(),
                bus,
            }),
        }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn registration_open(&self) -> bool {
        self.inner.config.registration_open
    }

    /// Checks an access token and that its session is still live and its user active.
    /// Looking the session up on every request means a revoked session or a disabled
    /// account is refused at once, not when the token's 15 minutes run out.
    pub async fn authenticate(&self, access_token: &str) -> Result<Caller, AccountError> {
        Ok(self.authenticate_until(access_token).await?.0)
    }

    /// [`Self::authenticate`], and when the token expires: a long-lived connection must
    /// not outlive it.
    pub async fn authenticate_until(
        &self,
        access_token: &str,
    ) -> Result<(Caller, DateTime<Utc>), AccountError> {
        let claims = self
            .inner
            .tokens
            .verify(access_token)
            .map_err(|e| match e {
                fluxstudio_auth::access::TokenError::Expired => AccountError::TokenExpired,
                _ => AccountError::TokenInvalid,
            })?;
        let expires = DateTime::from_timestamp(claims.exp, 0).ok_or(AccountError::TokenInvalid)?;
        Ok((
            self.caller(DbId(claims.sid), DbId(claims.sub)).await?,
            expires,
        ))
    }

    /// The caller of a session, when it is still live and its user active: what a
    /// long-lived connection asks again when sessions change.
    pub async fn caller(&self, session: DbId, user: DbId) -> Result<Caller, AccountError> {
        let checked_at = std::time::Instant::now();
        let auth = match self.inner.live_sessions.get(session, checked_at) {
            Some(auth) => auth,
            None => {
                let auth = sessions::auth(self.db(), session)
                    .await?
                    .ok_or(AccountError::SessionEnded)?;
                self.inner
                    .live_sessions
                    .put(session, auth.clone(), checked_at);
                auth
            }
        };
        if auth.user_id != user || auth.revoked || auth.expires_at <= now() {
            return Err(AccountError::SessionEnded);
        }
        if !auth.is_active {
            return Err(AccountError::Disabled);
        }
        Ok(Caller {
            user: auth.user_id,
            session,
            is_admin: auth.is_admin,
        })
    }
}

/// The clock every account operation reads, in one place.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

impl Accounts {
    /// The user an access token claims to be, from its signature alone (no database):
    /// enough to key a rate limit, never to authorise anything.
    pub fn token_subject(&self, access_token: &str) -> Option<DbId> {
        self.inner
            .tokens
            .verify(access_token)
            .ok()
            .map(|c| DbId(c.sub))
    }

    /// The user a two-factor challenge was issued to, if it is genuine and unexpired:
    /// the key its failed codes are counted under.
    pub fn challenge_subject(&self, challenge: &str) -> Option<DbId> {
        self.inner.tokens.verify_challenge(challenge).ok().map(DbId)
    }
}

impl Accounts {
    /// Forgets every session this instance remembers, so each is read afresh: another
    /// instance ended one, or may have while this one could not hear (`REDIS_URL`).
    pub fn forget_live_sessions(&self) {
        self.inner.live_sessions.clear();
    }

    /// Called after anything that ends `user`'s sessions or changes their standing
    /// (disabled, admin or not), so the next request checks the database again, and
    /// their live connections are checked at once (on every instance, through the bus's
    /// relay).
    pub(crate) fn sessions_changed(&self, user: DbId) {
        self.inner.live_sessions.clear();
        self.inner
            .bus
            .publish(fluxstudio_events::Event::SessionsChanged { user: user.0 });
    }
}
