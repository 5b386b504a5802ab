//! Workspace refusals over REST: the service's own refusal (`WorkspaceError::refusal`), the
//! same one Socket.IO acknowledgements carry.

use fluxstudio_workspace::WorkspaceError;

use crate::ApiError;

impl From<WorkspaceError> for ApiError {
    fn from(error: WorkspaceError) -> Self {
        ApiError::refused(error.refusal(), &error)
    }
}
