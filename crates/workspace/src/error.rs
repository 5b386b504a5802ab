//! Why a workspace operation was refused. The API maps each to a status and a code.

use fluxstudio_domain::Invalid;
use fluxstudio_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// A field of the body names something that does not exist here, or that the caller
    /// may not reach: a conflict with what is there (409 with the field). (404 stays for the
    /// path: it says the resource addressed is not there.)
    #[error("{}", .0.message)]
    NoSuch(Invalid),
    #[error("This client id was used for a message in another conversation.")]
    ClientIdTaken,
    /// Unknown, or the caller may not know it exists (answered 404 either way).
    #[error("No such {0}.")]
    NotFound(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("The slug \"{0}\" is taken; choose another.")]
    SlugTaken(String),
    #[error("This organization already has a team named \"{0}\".")]
    TeamNameTaken(String),
    #[error("{0} is already a member of this organization.")]
    AlreadyMember(String),
    #[error("That person is not a member of this organization.")]
    NotAMember,
    #[error("This invitation link is not valid, has expired, was revoked or was already used.")]
    InvitationInvalid,
    #[error("This invitation was sent to {0}; sign in with that address to accept it.")]
    InvitationForSomeoneElse(String),
    #[error(
        "Verify your email address first (use the link we sent you), or open the invitation from its email."
    )]
    EmailUnverified,
    #[error("The owner cannot leave; transfer ownership to another member first.")]
    OwnerMustTransfer,
    #[error("A project keeps at least one lead; make someone else lead first.")]
    LastLead,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl WorkspaceError {
    pub(crate) fn internal(error: impl std::fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }
}
