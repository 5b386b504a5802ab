//! Why a file operation was refused. The API maps each to a status and a code, as it does
//! the workspace's refusals.

use fluxstudio_domain::{Invalid, Refusal};
use fluxstudio_store::StoreError;
use fluxstudio_workspace::WorkspaceError;

use crate::{PutError, kinds};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Not found, forbidden, not valid, or the store failed: as the workspace says it.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error("File uploads are turned off on this server (ENABLE_FILE_UPLOAD=false).")]
    Disabled,
    #[error("The file is larger than this server accepts ({limit} bytes at most).")]
    TooLarge { limit: u64 },
    #[error("The file is empty.")]
    Empty,
    #[error("This type of file is not accepted. Upload {}.", kinds::ALLOWED)]
    Unsupported,
    #[error(
        "The organization's storage quota ({quota} bytes) has no room for this file; delete files or versions first."
    )]
    QuotaExceeded { quota: u64 },
    /// The client's body broke off before it was whole.
    #[error("The upload broke off before it was complete; send it again.")]
    BrokeOff(String),
    /// A resumable upload's client sent bytes for another offset than the one it is at.
    #[error("The upload is at byte {at}; continue from there.")]
    OffsetMismatch { at: u64 },
    /// Another request is already sending (or finishing) this resumable upload.
    #[error("Another request is sending this upload; wait for it, then ask where it is.")]
    UploadBusy,
    /// The version has no preview to give: none for its type, or not (yet) made.
    #[error("This version has no preview ({0}).")]
    NoPreview(fluxstudio_domain::PreviewState),
    /// A page past the last one previewed, or a small preview of a page past the first.
    #[error("This version has no preview of page {page}.")]
    NoPage { page: u32 },
    #[error(transparent)]
    Preview(#[from] crate::previews::PreviewError),
    #[error("{0}")]
    Storage(String),
}

impl FileError {
    /// How this refusal is answered.
    pub fn refusal(&self) -> Refusal {
        let says = |status, code| Refusal::new(status, code, self.to_string());
        match self {
            Self::Workspace(error) => error.refusal(),
            Self::Disabled => says(403, "uploads_disabled"),
            Self::TooLarge { .. } => says(413, "file_too_large").on("file"),
            Self::Empty => says(422, "empty_file").on("file"),
            Self::Unsupported => says(415, "unsupported_file_type").on("file"),
            Self::QuotaExceeded { .. } => says(507, "storage_quota_exceeded"),
            Self::BrokeOff(_) => says(400, "upload_incomplete").on("file"),
            Self::OffsetMismatch { .. } => says(409, "upload_offset_mismatch").on("Upload-Offset"),
            Self::UploadBusy => says(409, "upload_busy"),
            Self::NoPreview(_) | Self::NoPage { .. } => says(404, "no_preview"),
            Self::Preview(_) => Refusal::internal(),
            Self::Storage(_) => Refusal::internal(),
        }
    }
}

impl From<PutError> for FileError {
    fn from(error: PutError) -> Self {
        match error {
            PutError::TooLarge { limit } => Self::TooLarge { limit },
            PutError::Empty => Self::Empty,
            PutError::Unsupported => Self::Unsupported,
            PutError::Body(why) => Self::BrokeOff(why),
            PutError::Storage(error) => Self::Storage(error.to_string()),
        }
    }
}

impl From<StoreError> for FileError {
    fn from(error: StoreError) -> Self {
        Self::Workspace(error.into())
    }
}

impl From<Invalid> for FileError {
    fn from(error: Invalid) -> Self {
        Self::Workspace(error.into())
    }
}

impl From<object_store::Error> for FileError {
    fn from(error: object_store::Error) -> Self {
        Self::Storage(error.to_string())
    }
}

impl From<std::io::Error> for FileError {
    fn from(error: std::io::Error) -> Self {
        Self::Storage(error.to_string())
    }
}
