//! The caller's own account: reading it, editing the profile, changing the password.

use fluxstudio_domain::Password;
use fluxstudio_store::accounts::{
    sessions, two_factor,
    users::{self, ProfileChange, UserRow},
};

use crate::{
    AccountError, Accounts, Caller, Client,
    events::{Event, EventKind, Severity},
    service::now,
};

impl Accounts {
    pub async fn me(&self, caller: &Caller) -> Result<UserRow, AccountError> {
        users::by_id(self.db(), caller.user)
            .await?
            .ok_or(AccountError::NotFound("user"))
    }

    /// Applies a profile change (already validated) and returns the account as it now is.
    pub async fn update_profile(
        &self,
        caller: &Caller,
        change: &ProfileChange<'_>,
    ) -> Result<UserRow, AccountError> {
        users::update_profile(self.db(), caller.user, change, now()).await?;
        self.me(caller).await
    }

    /// Changes the password after checking the current one, and ends every other session:
    /// whoever knew the old password is signed out. Returns how many sessions ended.
    pub async fn change_password(
        &self,
        caller: &Caller,
        current: &str,
        new: Password,
        client: &Client,
    ) -> Result<u64, AccountError> {
        let user = self.me(caller).await?;
        if !self
            .check_password(current, user.password_hash.as_deref())
            .await?
        {
            return Err(AccountError::WrongPassword);
        }
        let hash = self.hash_password(new).await?;
        let now = now();
        users::set_password_hash(self.db(), user.id, &hash, now).await?;
        let ended = sessions::revoke_all(
            self.db(),
            user.id,
            Some(caller.session),
            "password_changed",
            now,
        )
        .await?;
        self.sessions_changed(user.id);
        self.record(
            Event::new(EventKind::PasswordChanged, Severity::Info, client)
                .by(user.id)
                .in_session(caller.session)
                .with(serde_json::json!({ "sessionsRevoked": ended })),
        )
        .await;
        Ok(ended)
    }

    /// How many unused recovery codes the caller has left.
    pub async fn recovery_codes_left(&self, caller: &Caller) -> Result<i64, AccountError> {
        Ok(two_factor::recovery_codes_left(self.db(), caller.user).await?)
    }
}
