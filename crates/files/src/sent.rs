//! Files sent into a direct or group conversation, to go on a message there. They belong to
//! the conversation, not to a project: no quota counts them, and only its participants
//! download them (the caller checks that, and that the conversation is not a project
//! channel, whose messages carry the project's files instead).

use std::fmt::Display;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use fluxstudio_store::{
    DbId,
    messaging::attachments::{self, ConversationFileRow},
};
use fluxstudio_workspace::WorkspaceError;
use futures_util::Stream;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{FileError, Files, names};

/// A file sent into a conversation.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationFileView {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub name: String,
    pub size: i64,
    pub mime: String,
    #[schema(value_type = String)]
    pub kind: fluxstudio_domain::FileFamily,
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// The message it is on; none until it is sent with one.
    pub message_id: Option<Uuid>,
}

impl From<ConversationFileRow> for ConversationFileView {
    fn from(row: ConversationFileRow) -> Self {
        Self {
            id: row.id.0,
            conversation_id: row.conversation_id.0,
            name: row.name,
            size: row.size,
            mime: row.mime,
            kind: row.family,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by.map(|u| u.0),
            created_at: row.created_at,
            message_id: row.message_id.map(|m| m.0),
        }
    }
}

/// How long a file sent into a conversation waits to be put on a message before the sweep
/// lets it go: a draft left in a composer overnight still sends the next morning.
pub const UNSENT_KEPT: chrono::TimeDelta = chrono::TimeDelta::days(1);

impl Files {
    /// Lets go of files sent into conversations more than [`UNSENT_KEPT`] before `now` that
    /// are on no message; their bytes go with the sweep's blobs. How many.
    pub(crate) async fn forget_unsent(&self, now: DateTime<Utc>) -> Result<usize, FileError> {
        let forgotten = attachments::forget_unsent(self.db(), now - UNSENT_KEPT).await?;
        Ok(usize::try_from(forgotten).unwrap_or(usize::MAX))
    }

    /// Whether uploads are taken: asked before a byte of the body is read.
    pub fn taking_uploads(&self) -> Result<(), FileError> {
        if self.settings().uploads_enabled {
            Ok(())
        } else {
            Err(FileError::Disabled)
        }
    }

    /// Streams `body` (sent as `name`) to the blob store as a file `user` sends into
    /// `conversation`.
    pub async fn receive_sent<S, E>(
        &self,
        user: DbId,
        conversation: DbId,
        name: &str,
        body: S,
    ) -> Result<ConversationFileView, FileError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Display,
    {
        self.taking_uploads()?;
        let staged = self
            .blobs()
            .stage(body, name, self.settings().max_file_size)
            .await?;
        // From the move to the commit, the sweep waits (see `Blobs::naming`).
        let naming = self.blobs().naming().await;
        let stored = self.blobs().keep(staged).await?;
        let row = ConversationFileRow {
            id: DbId::new(),
            conversation_id: conversation,
            uploaded_by: Some(user),
            name: names::display(name).unwrap_or_else(|| names::safe(name)),
            family: stored.kind.family,
            sha256: stored.sha256,
            size: i64::try_from(stored.size).unwrap_or(i64::MAX),
            mime: stored.kind.mime.to_owned(),
            created_at: Utc::now(),
            message_id: None,
        };
        attachments::insert_file(self.db(), &row).await?;
        drop(naming);
        Ok(row.into())
    }

    /// File `id` of `conversation` for `user`, who takes part in it (the caller checked):
    /// once it is on a message, everyone there may have it; before, only its sender.
    pub async fn sent_file(
        &self,
        user: DbId,
        conversation: DbId,
        id: DbId,
    ) -> Result<ConversationFileView, FileError> {
        attachments::file(self.db(), conversation, id)
            .await?
            .filter(|file| file.message_id.is_some() || file.uploaded_by == Some(user))
            .map(ConversationFileView::from)
            .ok_or(FileError::Workspace(WorkspaceError::NotFound("file")))
    }
}
