//! Sending, reading, editing, deleting and reacting to messages.
//!
//! A message is committed before anyone hears of it: the sender's acknowledgement and the
//! live broadcast both come after the transaction that numbered it.

use fluxstudio_domain::{Invalid, NotificationKind};
use fluxstudio_store::{
    DbId, StoreError,
    messaging::{
        attachments,
        conversations::ConversationRow,
        messages::{self, Direction, MessageRow, NewMessage, Strand},
        reactions,
    },
};
use fluxstudio_workspace::WorkspaceError;
use serde_json::json;

use crate::{
    MessageView, Messaging, Need,
    service::now,
    text::{self, MENTIONS_MAX},
};

/// A message as the sender gives it.
#[derive(Debug, Clone, Default)]
pub struct SendMessage {
    pub body: String,
    /// Replying in the thread of this message.
    pub parent: Option<DbId>,
    pub mentions: Vec<DbId>,
    /// The sender's own id for it: sending again with the same id returns the first.
    pub client_id: Option<String>,
    /// Files to carry: of the channel's project, or sent into the conversation.
    pub attachments: Vec<DbId>,
}

/// A page of history, in ascending `seq`.
#[derive(Debug, Clone)]
pub struct Page {
    pub messages: Vec<MessageView>,
    /// More lie beyond the page in the direction read.
    pub has_more: bool,
    /// The conversation's newest number as far as this read saw (at least the page's
    /// newest; a message sent meanwhile may be newer).
    pub last_seq: i64,
}

/// Characters of a message quoted in a mention's notification.
const NOTIFICATION_PREVIEW: usize = 200;

impl Messaging {
    /// Sends a message. Returns it and whether it is new (`false`: this `client_id` was
    /// sent before, and that message is returned unchanged and not announced again).
    pub async fn send(
        &self,
        user: DbId,
        conversation: DbId,
        message: SendMessage,
    ) -> Result<(MessageView, bool), WorkspaceError> {
        let body = text::body(&message.body)?;
        let client_id = message
            .client_id
            .as_deref()
            .map(text::client_id)
            .transpose()?;
        // Access first, even for a resend: someone who lost the conversation learns nothing
        // more of it, not even their own message's reactions.
        let row = self.open(user, conversation, Need::Post).await?;
        if let Some(client_id) = client_id
            && let Some(sent) = messages::by_client_id(self.db(), user, client_id).await?
        {
            return self.resent(conversation, sent).await;
        }
        if let Some(parent) = message.parent {
            self.require_thread_start(conversation, parent).await?;
        }
        let mentions = self.checked_mentions(&row, user, message.mentions).await?;
        let mention_ids: Vec<uuid::Uuid> = mentions.iter().map(|m| m.0).collect();
        let attachments = self
            .checked_attachments(&row, user, &message.attachments)
            .await?;
        let new = NewMessage {
            conversation,
            author: user,
            body,
            parent: message.parent,
            mentions: &mention_ids,
            client_id,
            attachments: &attachments,
        };
        let view = {
            let _in_order = self.order().lock(conversation).await;
            let id = match messages::insert(self.db(), &new, now()).await {
                Ok(id) => id,
                // The same client id raced in twice: the other request stored it.
                Err(StoreError::Duplicate) => {
                    if let Some(client_id) = client_id
                        && let Some(sent) =
                            messages::by_client_id(self.db(), user, client_id).await?
                    {
                        return self.resent(conversation, sent).await;
                    }
                    return Err(WorkspaceError::Internal(
                        "a duplicate message could not be found".into(),
                    ));
                }
                // A file checked above was sent with another message meanwhile.
                Err(StoreError::Conflict(_)) => {
                    return Err(crate::attachments::no_such(
                        crate::attachments::NOT_SENDABLE,
                    ));
                }
                Err(error) => return Err(error.into()),
            };
            let view = self.message_view(id).await?;
            self.announce(conversation, "message:new", &view);
            if let Some(parent) = message.parent {
                // Its thread grew: the new reply count.
                let parent = self.message_view(parent).await?;
                self.announce(conversation, "message:updated", &parent);
            }
            view
        };
        self.notify_mentions(&row, &view, &mentions).await;
        Ok((view, true))
    }

    async fn resent(
        &self,
        conversation: DbId,
        sent: MessageRow,
    ) -> Result<(MessageView, bool), WorkspaceError> {
        if sent.conversation_id != conversation {
            return Err(WorkspaceError::ClientIdTaken);
        }
        Ok((self.views(vec![sent]).await?.remove(0), false))
    }

    /// Threads are one level deep: a reply answers a message of the same conversation
    /// that is not itself a reply.
    async fn require_thread_start(
        &self,
        conversation: DbId,
        parent: DbId,
    ) -> Result<(), WorkspaceError> {
        match messages::get(self.db(), parent).await? {
            Some(p) if p.conversation_id == conversation && p.parent_id.is_none() => Ok(()),
            Some(p) if p.conversation_id == conversation => {
                Err(Invalid::new("parentId", "Reply to the message that starts the thread.").into())
            }
            _ => Err(WorkspaceError::NoSuch(Invalid::new(
                "parentId",
                "No such message in this conversation.",
            ))),
        }
    }

    /// The people mentioned, once each and without the author; each must belong to the
    /// conversation.
    async fn checked_mentions(
        &self,
        conversation: &ConversationRow,
        author: DbId,
        mentions: Vec<DbId>,
    ) -> Result<Vec<DbId>, WorkspaceError> {
        if mentions.len() > MENTIONS_MAX {
            return Err(Invalid::new(
                "mentions",
                format!("Mention at most {MENTIONS_MAX} people."),
            )
            .into());
        }
        let mut checked: Vec<DbId> = Vec::new();
        for person in mentions {
            if person == author || checked.contains(&person) {
                continue;
            }
            if !self.belongs(conversation, person).await? {
                return Err(WorkspaceError::NoSuch(Invalid::new(
                    "mentions",
                    "Mention only people in this conversation.",
                )));
            }
            checked.push(person);
        }
        Ok(checked)
    }

    async fn notify_mentions(
        &self,
        conversation: &ConversationRow,
        message: &MessageView,
        mentioned: &[DbId],
    ) {
        let author = message.author_name.as_deref().unwrap_or("Someone");
        let place = match (&conversation.project_name, &conversation.name) {
            (Some(project), _) => format!(" in {project}"),
            (None, Some(name)) => format!(" in {name}"),
            (None, None) => String::new(),
        };
        let title = format!("{author} mentioned you{place}");
        let preview: String = message.body.chars().take(NOTIFICATION_PREVIEW).collect();
        let data = json!({
            "conversationId": message.conversation_id,
            "messageId": message.id,
            "seq": message.seq,
        });
        for person in mentioned {
            self.workspace()
                .notify(
                    *person,
                    NotificationKind::Mentioned,
                    &title,
                    &preview,
                    &data,
                )
                .await;
        }
    }

    /// A page of a conversation's history (see [`Strand`] and [`Direction`]).
    pub async fn history(
        &self,
        user: DbId,
        conversation: DbId,
        strand: Strand,
        direction: Direction,
        limit: i64,
    ) -> Result<Page, WorkspaceError> {
        let row = self.open(user, conversation, Need::Read).await?;
        let mut rows =
            messages::page(self.db(), conversation, strand, direction, limit + 1).await?;
        let has_more = rows.len() as i64 > limit;
        if has_more {
            // The extra row lies furthest from the cursor.
            match direction {
                Direction::Before(_) => {
                    rows.remove(0);
                }
                Direction::After(_) | Direction::Between(..) => {
                    rows.pop();
                }
            }
        }
        // The page was read after the conversation: it may hold newer messages.
        let newest_in_page = rows.last().map_or(0, |m| m.seq);
        Ok(Page {
            messages: self.views(rows).await?,
            has_more,
            last_seq: row.last_seq.max(newest_in_page),
        })
    }

    /// Replaces a message's text (its author only); it is marked edited.
    pub async fn edit(
        &self,
        user: DbId,
        id: DbId,
        body: &str,
        mentions: Vec<DbId>,
    ) -> Result<MessageView, WorkspaceError> {
        let body = text::body(body)?;
        let (message, conversation) = self.own_message(user, id).await?;
        let mentions = self.checked_mentions(&conversation, user, mentions).await?;
        let ids: Vec<uuid::Uuid> = mentions.iter().map(|m| m.0).collect();
        if !messages::edit(self.db(), message.id, body, &ids, now()).await? {
            return Err(WorkspaceError::NotFound("message"));
        }
        let view = self.message_view(id).await?;
        self.announce(message.conversation_id, "message:updated", &view);
        Ok(view)
    }

    /// Deletes a message (its author only), leaving a tombstone in its place.
    pub async fn delete(&self, user: DbId, id: DbId) -> Result<MessageView, WorkspaceError> {
        let (message, _) = self.own_message(user, id).await?;
        if !messages::delete(self.db(), message.id, now()).await? {
            return Err(WorkspaceError::NotFound("message"));
        }
        let view = self.message_view(id).await?;
        self.announce(message.conversation_id, "message:deleted", &view);
        Ok(view)
    }

    /// A message the caller wrote and may still post beside, with its conversation.
    async fn own_message(
        &self,
        user: DbId,
        id: DbId,
    ) -> Result<(MessageRow, ConversationRow), WorkspaceError> {
        let message = self.readable_message(user, id).await?;
        if message.deleted_at.is_some() {
            return Err(WorkspaceError::NotFound("message"));
        }
        if message.author_id != Some(user) {
            return Err(WorkspaceError::Forbidden(
                "Only a message's author edits or deletes it.",
            ));
        }
        let conversation = self.open(user, message.conversation_id, Need::Post).await?;
        Ok((message, conversation))
    }

    /// A message in a conversation the caller may read; not found otherwise.
    async fn readable_message(&self, user: DbId, id: DbId) -> Result<MessageRow, WorkspaceError> {
        let message = messages::get(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("message"))?;
        self.open(user, message.conversation_id, Need::Read)
            .await
            .map_err(|error| match error {
                WorkspaceError::NotFound(_) => WorkspaceError::NotFound("message"),
                other => other,
            })?;
        Ok(message)
    }

    /// Adds (`on`) or takes back the caller's reaction. Anyone who may post may react.
    pub async fn react(
        &self,
        user: DbId,
        id: DbId,
        emoji: &str,
        on: bool,
    ) -> Result<MessageView, WorkspaceError> {
        let emoji = text::emoji(emoji)?;
        let message = self.readable_message(user, id).await?;
        if message.deleted_at.is_some() {
            return Err(WorkspaceError::NotFound("message"));
        }
        self.open(user, message.conversation_id, Need::Post).await?;
        let changed = reactions::set(self.db(), id, user, emoji, on, now()).await?;
        let view = self.message_view(id).await?;
        if changed {
            self.announce(message.conversation_id, "message:updated", &view);
        }
        Ok(view)
    }

    pub(crate) async fn message_view(&self, id: DbId) -> Result<MessageView, WorkspaceError> {
        let row = messages::get(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("message"))?;
        Ok(self.views(vec![row]).await?.remove(0))
    }

    pub(crate) async fn views(
        &self,
        rows: Vec<MessageRow>,
    ) -> Result<Vec<MessageView>, WorkspaceError> {
        let ids: Vec<DbId> = rows.iter().map(|r| r.id).collect();
        let reactions = reactions::of(self.db(), &ids).await?;
        let attachments = attachments::of(self.db(), &ids).await?;
        Ok(rows
            .into_iter()
            .map(|row| MessageView::new(row, &reactions, &attachments))
            .collect())
    }
}
