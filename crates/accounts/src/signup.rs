//! Creating accounts: by signing up (closed when registration is off) or from the shell.

use fluxstudio_domain::{DisplayName, Email, Password, UserType};
use fluxstudio_store::{
    StoreError,
    accounts::users::{self, NewUser, UserRow},
};

use crate::{AccountError, Accounts, Client, Grant, events::EventKind, service::now};

/// A signup, already parsed: every field is valid by construction.
#[derive(Debug)]
pub struct SignupRequest {
    pub email: Email,
    pub password: Password,
    pub name: DisplayName,
    pub user_type: UserType,
}

impl Accounts {
    /// Creates the account, sends the address a verification link and signs the new user
    /// in. The first account of an instance becomes its administrator.
    pub async fn signup(
        &self,
        request: SignupRequest,
        client: &Client,
    ) -> Result<Grant, AccountError> {
        if !self.registration_open() {
            return Err(AccountError::RegistrationClosed);
        }
        let user = self.create(request, false).await?;
        self.send_verification(&user).await?;
        self.open_session(user, client, EventKind::SignupSuccess)
            .await
    }

    /// Creates the account of someone who holds an invitation to `request.email` (the
    /// caller has checked the link): registration settings do not apply, and the address
    /// counts as verified, since the invitation reached it.
    pub async fn signup_invited(
        &self,
        request: SignupRequest,
        client: &Client,
    ) -> Result<Grant, AccountError> {
        let user = self.create(request, false).await?;
        users::mark_email_verified(self.db(), user.id, now()).await?;
        let user = users::by_id(self.db(), user.id)
            .await?
            .ok_or(AccountError::NotFound("user"))?;
        self.open_session(user, client, EventKind::SignupSuccess)
            .await
    }

    /// Creates an account from the shell (`fluxstudio admin create-user`): registration
    /// settings do not apply, and `admin` makes it an instance administrator.
    pub async fn create_user(
        &self,
        request: SignupRequest,
        admin: bool,
    ) -> Result<UserRow, AccountError> {
        self.create(request, admin).await
    }

    async fn create(&self, request: SignupRequest, admin: bool) -> Result<UserRow, AccountError> {
        // Cheap refusal before the expensive hash; the unique index still decides races.
        if users::by_email(self.db(), request.email.as_str())
            .await?
            .is_some()
        {
            return Err(AccountError::EmailTaken);
        }
        let hash = self.hash_password(request.password).await?;
        let new = NewUser {
            email: request.email.as_str(),
            name: request.name.as_str(),
            password_hash: &hash,
            user_type: request.user_type.as_str(),
            admin,
        };
        users::insert(self.db(), &new, now())
            .await
            .map_err(|e| match e {
                StoreError::Duplicate => AccountError::EmailTaken,
                other => other.into(),
            })
    }
}
