//! What a message may carry: in a project channel, files of its project; in a direct or
//! group conversation, files the sender sent into it that are on no message yet. Checked
//! before the message is stored; the store checks a conversation file again in the
//! transaction, so two messages racing for one file cannot both carry it.

use fluxstudio_domain::{Invalid, limits};
use fluxstudio_store::{
    DbId,
    messaging::{
        attachments::{self, AttachmentRef, AttachmentRow},
        conversations::ConversationRow,
    },
};
use fluxstudio_workspace::WorkspaceError;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::Messaging;

/// Files one message carries at most.
pub const ATTACHMENTS_MAX: usize = limits::MESSAGE_ATTACHMENTS;

/// Where an attachment comes from ([`AttachmentView::source`]).
pub const ATTACHMENT_SOURCES: &[&str] = &["project", "conversation"];

/// A file on a message, with where to fetch it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    /// The project file's id (`source: project`) or the conversation file's.
    pub id: Uuid,
    pub name: String,
    pub size: i64,
    pub mime: String,
    #[schema(value_type = String)]
    pub kind: fluxstudio_domain::FileFamily,
    /// `project` (a file of the channel's project) or `conversation` (sent into a direct or
    /// group conversation; only its participants download it): [`ATTACHMENT_SOURCES`].
    pub source: &'static str,
    /// Where its bytes are (a project file's newest version).
    pub content_url: String,
    /// A small preview, when one is ready (project files).
    pub preview_url: Option<String>,
}

impl AttachmentView {
    pub(crate) fn new(row: &AttachmentRow, conversation: Uuid) -> Self {
        let id = row.id.0;
        let (source, content_url, preview_url) = match row.version {
            Some(version) if row.project_file => (
                ATTACHMENT_SOURCES[0],
                format!("/api/files/{id}/versions/{version}/content"),
                (row.preview == Some(fluxstudio_domain::PreviewState::Ready))
                    .then(|| format!("/api/files/{id}/versions/{version}/preview?size=small")),
            ),
            _ => (
                ATTACHMENT_SOURCES[1],
                format!("/api/conversations/{conversation}/files/{id}/content"),
                None,
            ),
        };
        Self {
            id,
            name: row.name.clone(),
            size: row.size,
            mime: row.mime.clone(),
            kind: row.family,
            source,
            content_url,
            preview_url,
        }
    }
}

/// Why a conversation file cannot go on a message (also when another message took it first).
pub(crate) const NOT_SENDABLE: &str =
    "Attach files you sent into this conversation that are on no message yet.";

/// An attachment that names nothing the sender may attach (409 `invalid_reference`).
pub(crate) fn no_such(message: &str) -> WorkspaceError {
    WorkspaceError::NoSuch(Invalid::new("attachments", message))
}

impl Messaging {
    /// `ids` as attachments `sender` may put on a message in `conversation`, in order.
    pub(crate) async fn checked_attachments(
        &self,
        conversation: &ConversationRow,
        sender: DbId,
        ids: &[DbId],
    ) -> Result<Vec<AttachmentRef>, WorkspaceError> {
        if ids.len() > ATTACHMENTS_MAX {
            return Err(Invalid::new(
                "attachments",
                format!("A message carries at most {ATTACHMENTS_MAX} files."),
            )
            .into());
        }
        // The same file named twice is carried once, where it was first named.
        let ids: Vec<DbId> = ids
            .iter()
            .enumerate()
            .filter(|(i, id)| !ids[..*i].contains(id))
            .map(|(_, id)| *id)
            .collect();
        if let Some(project) = conversation.project_id {
            let found = attachments::project_files_of(self.db(), project, &ids).await?;
            if found.len() != ids.len() {
                return Err(no_such("Attach files of this project."));
            }
            return Ok(ids.into_iter().map(AttachmentRef::ProjectFile).collect());
        }
        for id in &ids {
            let file = attachments::file(self.db(), conversation.id, *id).await?;
            if !file.is_some_and(|f| f.uploaded_by == Some(sender) && f.message_id.is_none()) {
                return Err(no_such(NOT_SENDABLE));
            }
        }
        Ok(ids
            .into_iter()
            .map(AttachmentRef::ConversationFile)
            .collect())
    }
}
