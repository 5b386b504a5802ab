//! Starting, listing and changing conversations.

use fluxstudio_domain::{ConversationKind, Invalid};
use fluxstudio_store::{
    DbId,
    messaging::{
        access::share_an_organization,
        conversations::{self, ConversationRow},
        participants,
    },
};
use fluxstudio_workspace::WorkspaceError;
use serde_json::json;

use crate::{
    ConversationView, Messaging, Need,
    service::now,
    text::{self, GROUP_MAX},
};

/// What a new conversation is.
#[derive(Debug, Clone)]
pub enum NewConversation {
    /// The one conversation between the caller and someone else.
    Direct { with: DbId },
    /// A group of the caller and others, named or not.
    Group { name: String, with: Vec<DbId> },
}

/// A person's own settings for a conversation.
#[derive(Debug, Clone, Copy, Default)]
pub struct StateChange {
    pub muted: Option<bool>,
    pub archived: Option<bool>,
}

impl Messaging {
    /// Starts a conversation. A direct one that exists already is returned as it is
    /// (`false`: not created). Everyone in it must share an organization with the caller.
    pub async fn start(
        &self,
        user: DbId,
        new: NewConversation,
    ) -> Result<(ConversationView, bool), WorkspaceError> {
        let (id, created, people) = match new {
            NewConversation::Direct { with } => {
                if with == user {
                    return Err(Invalid::new(
                        "participantIds",
                        "A direct conversation is with someone else.",
                    )
                    .into());
                }
                self.require_colleagues(user, &[with]).await?;
                let (id, created) = conversations::direct(self.db(), user, with, now()).await?;
                (id, created, vec![user, with])
            }
            NewConversation::Group { name, with } => {
                let name = text::name(&name)?;
                if with.len() + 1 > GROUP_MAX {
                    return Err(Invalid::new(
                        "participantIds",
                        format!("A group holds at most {GROUP_MAX} people."),
                    )
                    .into());
                }
                let others = distinct_others(user, with);
                if others.is_empty() {
                    return Err(Invalid::new(
                        "participantIds",
                        "Add at least one other person to a group.",
                    )
                    .into());
                }
                self.require_colleagues(user, &others).await?;
                let id = conversations::group(self.db(), name, user, &others, now()).await?;
                let mut people = others;
                people.push(user);
                (id, true, people)
            }
        };
        if created {
            // Their sockets join first (the bus delivers in order), then hear of it.
            self.access_changed(people);
            self.announce(
                id,
                "conversation:updated",
                json!({ "conversationId": id.0, "created": true }),
            );
        }
        Ok((self.view(user, id).await?, created))
    }

    /// Refuses people who share no organization with the caller, naming none of them
    /// (not found: the caller may not know they exist).
    async fn require_colleagues(&self, user: DbId, people: &[DbId]) -> Result<(), WorkspaceError> {
        for person in people {
            if !share_an_organization(self.db(), user, *person).await? {
                return Err(WorkspaceError::NotFound("person"));
            }
        }
        Ok(())
    }

    /// A page of the caller's conversations, most recently active first.
    pub async fn conversations(
        &self,
        user: DbId,
        archived: bool,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<ConversationView>, WorkspaceError> {
        let rows = conversations::page(self.db(), user, archived, before, limit).await?;
        self.conversation_views(user, rows).await
    }

    /// One conversation the caller may read.
    pub async fn conversation(
        &self,
        user: DbId,
        id: DbId,
    ) -> Result<ConversationView, WorkspaceError> {
        let row = self.open(user, id, Need::Read).await?;
        Ok(self.conversation_views(user, vec![row]).await?.remove(0))
    }

    async fn view(&self, user: DbId, id: DbId) -> Result<ConversationView, WorkspaceError> {
        let row = conversations::get(self.db(), id, user)
            .await?
            .ok_or(WorkspaceError::NotFound("conversation"))?;
        Ok(self.conversation_views(user, vec![row]).await?.remove(0))
    }

    async fn conversation_views(
        &self,
        user: DbId,
        rows: Vec<ConversationRow>,
    ) -> Result<Vec<ConversationView>, WorkspaceError> {
        let ids: Vec<DbId> = rows.iter().map(|r| r.id).collect();
        let people = participants::of(self.db(), &ids).await?;
        Ok(rows
            .into_iter()
            .map(|row| ConversationView::new(row, user.0, &people))
            .collect())
    }

    /// Renames a group (any participant may).
    pub async fn rename(
        &self,
        user: DbId,
        id: DbId,
        name: &str,
    ) -> Result<ConversationView, WorkspaceError> {
        let row = self.open(user, id, Need::Post).await?;
        require_group(&row, "Only a group conversation can be renamed.")?;
        let name = text::name(name)?.unwrap_or_default();
        conversations::rename(self.db(), id, name, now()).await?;
        self.announce(
            id,
            "conversation:updated",
            json!({ "conversationId": id.0 }),
        );
        self.view(user, id).await
    }

    /// Adds people to a group; any participant may, with people they share an
    /// organization with.
    pub async fn add_participants(
        &self,
        user: DbId,
        id: DbId,
        people: Vec<DbId>,
    ) -> Result<ConversationView, WorkspaceError> {
        let row = self.open(user, id, Need::Post).await?;
        require_group(&row, "People are added to group conversations only.")?;
        if people.len() + 1 > GROUP_MAX {
            return Err(Invalid::new(
                "userIds",
                format!("A group holds at most {GROUP_MAX} people."),
            )
            .into());
        }
        let people = distinct_others(user, people);
        if people.is_empty() {
            return Err(Invalid::new("userIds", "Name someone to add.").into());
        }
        self.require_colleagues(user, &people).await?;
        let present = participants::of(self.db(), &[id]).await?.len();
        if present + people.len() > GROUP_MAX {
            return Err(Invalid::new(
                "userIds",
                format!("A group holds at most {GROUP_MAX} people."),
            )
            .into());
        }
        let added = participants::add(self.db(), id, &people, now()).await?;
        // Their sockets join first (the bus delivers in order), then everyone hears of it.
        self.access_changed(added.iter().copied());
        self.announce(
            id,
            "conversation:updated",
            json!({ "conversationId": id.0 }),
        );
        self.view(user, id).await
    }

    /// Removes someone from a group: anyone may leave; only its owner removes others.
    /// Their sockets leave the conversation's room at once.
    pub async fn remove_participant(
        &self,
        user: DbId,
        id: DbId,
        person: DbId,
    ) -> Result<(), WorkspaceError> {
        let row = self.open(user, id, Need::Read).await?;
        require_group(&row, "A direct or project conversation keeps its people.")?;
        if person != user {
            let role = participants::role(self.db(), id, user).await?;
            if role.as_deref() != Some("owner") {
                return Err(WorkspaceError::Forbidden(
                    "Only the group's owner removes others; anyone may leave.",
                ));
            }
        }
        if !participants::remove(self.db(), id, person).await? {
            return Err(WorkspaceError::NotFound("participant"));
        }
        // Told while still in the room (the bus delivers in order), then their sockets leave.
        self.announce(
            id,
            "conversation:updated",
            json!({ "conversationId": id.0, "removed": person.0 }),
        );
        self.access_changed([person]);
        Ok(())
    }

    /// Mutes, unmutes, archives or unarchives a conversation for the caller alone.
    pub async fn set_state(
        &self,
        user: DbId,
        id: DbId,
        change: StateChange,
    ) -> Result<ConversationView, WorkspaceError> {
        self.open(user, id, Need::Read).await?;
        participants::set_state(self.db(), id, user, change.muted, change.archived, now()).await?;
        self.view(user, id).await
    }
}

fn require_group(row: &ConversationRow, refusal: &'static str) -> Result<(), WorkspaceError> {
    if row.kind == ConversationKind::Group {
        Ok(())
    } else {
        Err(WorkspaceError::Forbidden(refusal))
    }
}

/// The people named, once each, without the caller.
fn distinct_others(user: DbId, people: Vec<DbId>) -> Vec<DbId> {
    let mut others: Vec<DbId> = Vec::with_capacity(people.len());
    for person in people {
        if person != user && !others.contains(&person) {
            others.push(person);
        }
    }
    others
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caller_and_repeats_are_dropped_from_those_named() {
        let (me, a, b) = (DbId::new(), DbId::new(), DbId::new());
        assert_eq!(distinct_others(me, vec![a, me, a, b]), vec![a, b]);
    }
}
