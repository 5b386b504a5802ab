//! How workspace refusals are spelled on the wire.

use axum::http::StatusCode;
use fluxstudio_workspace::WorkspaceError;

use crate::ApiError;

impl From<WorkspaceError> for ApiError {
    fn from(error: WorkspaceError) -> Self {
        let message = error.to_string();
        let (status, code, field) = match &error {
            WorkspaceError::Invalid(invalid) => return invalid.clone().into(),
            WorkspaceError::Store(_) | WorkspaceError::Internal(_) => {
                return match error {
                    WorkspaceError::Store(store) => store.into(),
                    other => ApiError::internal(other),
                };
            }
            WorkspaceError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found", None),
            WorkspaceError::NoSuch(invalid) => (
                StatusCode::CONFLICT,
                "invalid_reference",
                Some(invalid.field),
            ),
            WorkspaceError::ClientIdTaken => {
                (StatusCode::CONFLICT, "client_id_taken", Some("clientId"))
            }
            WorkspaceError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", None),
            WorkspaceError::SlugTaken(_) => (StatusCode::CONFLICT, "slug_taken", Some("slug")),
            WorkspaceError::TeamNameTaken(_) => (StatusCode::CONFLICT, "name_taken", Some("name")),
            WorkspaceError::AlreadyMember(_) => {
                (StatusCode::CONFLICT, "already_member", Some("email"))
            }
            WorkspaceError::NotAMember => (StatusCode::NOT_FOUND, "not_a_member", Some("userId")),
            WorkspaceError::InvitationInvalid => {
                (StatusCode::NOT_FOUND, "invitation_invalid", None)
            }
            WorkspaceError::InvitationForSomeoneElse(_) => {
                (StatusCode::FORBIDDEN, "invitation_for_someone_else", None)
            }
            WorkspaceError::EmailUnverified => (StatusCode::FORBIDDEN, "email_unverified", None),
            WorkspaceError::OwnerMustTransfer => {
                (StatusCode::CONFLICT, "owner_must_transfer", None)
            }
            WorkspaceError::LastLead => (StatusCode::CONFLICT, "last_lead", None),
        };
        let api = ApiError::new(status, code, message);
        match field {
            Some(field) => api.with_field(field),
            None => api,
        }
    }
}
