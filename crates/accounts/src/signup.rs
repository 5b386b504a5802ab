//! Creating accounts: by signing up (closed when registration is off) or from the shell.

use fluxstudio_auth::refresh;
use fluxstudio_domain::{DisplayName, Email, Invalid, Password, UserType};
use fluxstudio_store::{
    StoreError,
    accounts::users::{self, NewUser, UserRow},
    workspace::invitations::{self, InvitationRow},
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

    /// Signs up someone who holds an invitation link (its `token`) and lets them in, as one
    /// use case in one transaction: the account is created with its address verified (the
    /// invitation reached it; registration settings do not apply), the invitation claimed
    /// and its organization joined, or nothing is written. The address must be the invited
    /// one. Returns the grant and the invitation accepted.
    pub async fn signup_invited(
        &self,
        request: SignupRequest,
        client: &Client,
        token: &str,
    ) -> Result<(Grant, InvitationRow), AccountError> {
        let token_hash = refresh::digest(token);
        let invitation = invitations::by_token(self.db(), &token_hash)
            .await?
            .filter(|invitation| invitation.is_pending(now()))
            .ok_or(AccountError::InvitationInvalid)?;
        if invitation.email != request.email.as_str() {
            let message = format!(
                "This invitation was sent to {}; sign up with that address.",
                invitation.email
            );
            return Err(Invalid::new("email", message).into());
        }
        let account = self.account(request, false).await?;
        let (id, invitation) =
            invitations::accept_as_new_user(self.db(), &account.new_user(), &token_hash, now())
                .await
                .map_err(taken_or)?
                // Revoked, used or expired while the password was hashed.
                .ok_or(AccountError::InvitationInvalid)?;
        let user = users::by_id(self.db(), id)
            .await?
            .ok_or(AccountError::NotFound("user"))?;
        let grant = self
            .open_session(user, client, EventKind::SignupSuccess)
            .await?;
        Ok((grant, invitation))
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
        let account = self.account(request, admin).await?;
        users::insert(self.db(), &account.new_user(), now())
            .await
            .map_err(taken_or)
    }

    /// The account as it will be stored, its password hashed. A taken address is refused
    /// first, cheaply, before the expensive hash; the unique index still decides races.
    async fn account(&self, request: SignupRequest, admin: bool) -> Result<Account, AccountError> {
        if users::by_email(self.db(), request.email.as_str())
            .await?
            .is_some()
        {
            return Err(AccountError::EmailTaken);
        }
        Ok(Account {
            password_hash: self.hash_password(request.password).await?,
            email: request.email,
            name: request.name,
            user_type: request.user_type,
            admin,
        })
    }
}

/// A new account, ready to store.
struct Account {
    email: Email,
    name: DisplayName,
    password_hash: String,
    user_type: UserType,
    admin: bool,
}

impl Account {
    fn new_user(&self) -> NewUser<'_> {
        NewUser {
            email: self.email.as_str(),
            name: self.name.as_str(),
            password_hash: &self.password_hash,
            user_type: self.user_type.as_str(),
            admin: self.admin,
        }
    }
}

fn taken_or(error: StoreError) -> AccountError {
    match error {
        StoreError::Duplicate => AccountError::EmailTaken,
        other => other.into(),
    }
}
