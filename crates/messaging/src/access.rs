//! Who may read and post where. A direct or group conversation is its participants'; a
//! project's channel follows the project's rules: whoever may view the project reads it,
//! whoever may comment on the project posts in it.

use fluxstudio_domain::permissions::ProjectAction;
use fluxstudio_store::{
    DbId,
    messaging::{conversations::ConversationRow, participants},
};
use fluxstudio_workspace::WorkspaceError;

use crate::Messaging;

/// What the caller needs to do in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Post,
}

impl Messaging {
    /// The conversation as `user` sees it, when they may do what they need; not found
    /// when they may not know it exists.
    pub async fn open(
        &self,
        user: DbId,
        id: DbId,
        need: Need,
    ) -> Result<ConversationRow, WorkspaceError> {
        let row = fluxstudio_store::messaging::conversations::get(self.db(), id, user)
            .await?
            .ok_or(WorkspaceError::NotFound("conversation"))?;
        match row.project_id {
            Some(project) => {
                let action = match need {
                    Need::Read => ProjectAction::View,
                    Need::Post => ProjectAction::Comment,
                };
                self.workspace()
                    .project_for(
                        user,
                        project,
                        action,
                        "Viewers of a project read its channel but do not post in it.",
                    )
                    .await
                    .map_err(|error| match error {
                        WorkspaceError::NotFound(_) => WorkspaceError::NotFound("conversation"),
                        other => other,
                    })?;
            }
            None => {
                participants::role(self.db(), id, user)
                    .await?
                    .ok_or(WorkspaceError::NotFound("conversation"))?;
            }
        }
        Ok(row)
    }

    /// Whether `user` may read `conversation` (for joining its live room).
    pub async fn may_read(&self, user: DbId, conversation: DbId) -> Result<bool, WorkspaceError> {
        match self.open(user, conversation, Need::Read).await {
            Ok(_) => Ok(true),
            Err(WorkspaceError::NotFound(_) | WorkspaceError::Forbidden(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// Of `people`, those who share an organization or a conversation with `user`: the
    /// only ones whose presence `user` may learn.
    pub async fn in_touch(
        &self,
        user: DbId,
        people: &[uuid::Uuid],
    ) -> Result<Vec<uuid::Uuid>, WorkspaceError> {
        let contacts: std::collections::HashSet<uuid::Uuid> =
            fluxstudio_store::messaging::access::contacts(self.db(), user)
                .await?
                .into_iter()
                .map(|id| id.0)
                .collect();
        Ok(people
            .iter()
            .copied()
            .filter(|person| contacts.contains(person))
            .collect())
    }

    /// Every conversation `user` belongs to.
    pub async fn conversation_ids(&self, user: DbId) -> Result<Vec<DbId>, WorkspaceError> {
        Ok(fluxstudio_store::messaging::access::conversation_ids(self.db(), user).await?)
    }

    /// Whether `person` could read `conversation`: a participant, or someone who may view
    /// the project of a channel. For checking whom a message may mention.
    pub(crate) async fn belongs(
        &self,
        conversation: &ConversationRow,
        person: DbId,
    ) -> Result<bool, WorkspaceError> {
        match conversation.project_id {
            Some(project) => match self
                .workspace()
                .project_for(person, project, ProjectAction::View, "")
                .await
            {
                Ok(_) => Ok(true),
                Err(WorkspaceError::NotFound(_) | WorkspaceError::Forbidden(_)) => Ok(false),
                Err(other) => Err(other),
            },
            None => Ok(participants::role(self.db(), conversation.id, person)
                .await?
                .is_some()),
        }
    }
}
