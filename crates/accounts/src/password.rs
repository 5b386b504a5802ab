//! Argon2id work off the async threads: hashing takes tens of milliseconds of CPU, which
//! would stall every other request on the same worker.

use fluxstudio_auth::password;
use fluxstudio_domain::Password;

use crate::{AccountError, Accounts};

impl Accounts {
    pub(crate) async fn hash_password(&self, password: Password) -> Result<String, AccountError> {
        let cost = self.inner.config.password_cost;
        tokio::task::spawn_blocking(move || password::hash_with(cost, &password))
            .await
            .map_err(AccountError::internal)?
            .map_err(AccountError::internal)
    }

    /// Whether `attempt` matches `stored`. With no stored hash (an unknown email, or an
    /// account that signs in through a provider) a decoy hash is checked instead, so the
    /// answer takes as long either way, and it is always "no".
    pub(crate) async fn check_password(
        &self,
        attempt: &str,
        stored: Option<&str>,
    ) -> Result<bool, AccountError> {
        let (hash, real) = match stored {
            Some(hash) => (hash.to_owned(), true),
            None => (self.decoy_hash().await?, false),
        };
        let attempt = attempt.to_owned();
        let matches = tokio::task::spawn_blocking(move || password::verify(&attempt, &hash))
            .await
            .map_err(AccountError::internal)?
            .map_err(AccountError::internal)?;
        Ok(real && matches)
    }

    async fn decoy_hash(&self) -> Result<String, AccountError> {
        if let Some(hash) = self.inner.decoy_hash.get() {
            return Ok(hash.clone());
        }
        let decoy = Password::parse("Decoy-password-0").map_err(AccountError::internal)?;
        let hash = self.hash_password(decoy).await?;
        Ok(self.inner.decoy_hash.get_or_init(|| hash).clone())
    }
}
