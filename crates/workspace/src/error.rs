//! Why a workspace operation was refused. The API maps each to a status and a code.

use fluxstudio_domain::{Invalid, Refusal};
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
    /// A due date before the start date, both sent or one of them already stored: a
    /// conflict between values the document cannot state, hence 409 rather than 422.
    #[error("The due date cannot be before the start date.")]
    DatesOutOfOrder,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl WorkspaceError {
    pub(crate) fn internal(error: impl std::fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }

    /// How this refusal is answered, the same over REST and Socket.IO.
    pub fn refusal(&self) -> Refusal {
        let says = |status, code| Refusal::new(status, code, self.to_string());
        match self {
            Self::Invalid(invalid) => invalid.clone().into(),
            Self::NoSuch(invalid) => says(409, "invalid_reference").on(invalid.field),
            Self::NotFound(_) => says(404, "not_found"),
            Self::Forbidden(_) => says(403, "forbidden"),
            Self::SlugTaken(_) => says(409, "slug_taken").on("slug"),
            Self::TeamNameTaken(_) => says(409, "name_taken").on("name"),
            Self::AlreadyMember(_) => says(409, "already_member").on("email"),
            Self::NotAMember => says(404, "not_a_member").on("userId"),
            Self::ClientIdTaken => says(409, "client_id_taken").on("clientId"),
            Self::InvitationInvalid => says(404, "invitation_invalid"),
            Self::InvitationForSomeoneElse(_) => says(403, "invitation_for_someone_else"),
            Self::EmailUnverified => says(403, "email_unverified"),
            Self::OwnerMustTransfer => says(409, "owner_must_transfer"),
            Self::LastLead => says(409, "last_lead"),
            Self::DatesOutOfOrder => says(409, "dates_out_of_order").on("dueDate"),
            Self::Store(store) => store.refusal(),
            Self::Internal(_) => Refusal::internal(),
        }
    }
}
