//! The shapes of conversations and messages, the same over REST and Socket.IO.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use fluxstudio_domain::ConversationKind;
use fluxstudio_store::messaging::{
    attachments::AttachmentRow, conversations::ConversationRow, messages::MessageRow,
    participants::ParticipantRow, reactions::ReactionRow,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AttachmentView;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    pub id: Uuid,
    pub conversation_id: Uuid,
    /// The message's number in its conversation: 1, 2, 3… with no gaps.
    pub seq: i64,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    /// Markdown; empty once deleted.
    pub body: String,
    /// The message this one replies to (threads are one level deep).
    pub parent_id: Option<Uuid>,
    pub reply_count: i64,
    pub mentions: Vec<Uuid>,
    pub reactions: Vec<ReactionView>,
    /// The files it carries, in order (none once deleted).
    pub attachments: Vec<AttachmentView>,
    /// The sender's own id for the message, echoed back so it can match its draft.
    pub client_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReactionView {
    pub emoji: String,
    pub count: usize,
    pub user_ids: Vec<Uuid>,
}

impl MessageView {
    /// `reactions` and `attachments` may hold other messages'; only this one's are kept.
    pub fn new(row: MessageRow, reactions: &[ReactionRow], attachments: &[AttachmentRow]) -> Self {
        let mut grouped: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
        for reaction in reactions.iter().filter(|r| r.message_id == row.id) {
            grouped
                .entry(reaction.emoji.as_str())
                .or_default()
                .push(reaction.user_id.0);
        }
        let attachments = attachments
            .iter()
            .filter(|a| a.message_id == row.id && row.deleted_at.is_none())
            .map(|a| AttachmentView::new(a, row.conversation_id.0))
            .collect();
        Self {
            id: row.id.0,
            conversation_id: row.conversation_id.0,
            seq: row.seq,
            author_id: row.author_id.map(|a| a.0),
            author_name: row.author_name,
            body: row.body,
            parent_id: row.parent_id.map(|p| p.0),
            reply_count: row.reply_count,
            mentions: row.mentions.0,
            reactions: grouped
                .into_iter()
                .map(|(emoji, user_ids)| ReactionView {
                    emoji: emoji.to_string(),
                    count: user_ids.len(),
                    user_ids,
                })
                .collect(),
            attachments,
            client_id: row.client_id,
            created_at: row.created_at,
            edited_at: row.edited_at,
            deleted: row.deleted_at.is_some(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationView {
    pub id: Uuid,
    #[schema(value_type = String)]
    pub kind: ConversationKind,
    /// What to call it: the group's name, the project's name, or the other person's name.
    pub title: String,
    /// A group's own name, if it has one.
    pub name: Option<String>,
    pub project_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    /// The newest message's number.
    pub last_seq: i64,
    /// The caller's read position: messages after it are unread.
    pub last_read_seq: i64,
    pub unread_count: i64,
    pub muted: bool,
    pub archived: bool,
    pub last_message: Option<LastMessageView>,
    /// The participants of a direct or group conversation with their read positions (for
    /// a project channel: those who have read it; its members are the project's).
    pub participants: Vec<ParticipantView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LastMessageView {
    pub id: Uuid,
    pub author_id: Option<Uuid>,
    /// The start of its text (empty when deleted).
    pub preview: String,
    pub created_at: DateTime<Utc>,
    pub deleted: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantView {
    pub user_id: Uuid,
    pub name: String,
    /// `owner` (who made a group) or `member`.
    pub role: String,
    pub last_read_seq: i64,
    pub joined_at: DateTime<Utc>,
}

/// Characters of a last message shown in a list.
const PREVIEW_CHARS: usize = 140;

impl ConversationView {
    /// `participants` may hold other conversations' rows; only this one's are kept.
    pub fn new(row: ConversationRow, viewer: Uuid, participants: &[ParticipantRow]) -> Self {
        let people: Vec<ParticipantView> = participants
            .iter()
            .filter(|p| p.conversation_id == row.id)
            .map(|p| ParticipantView {
                user_id: p.user_id.0,
                name: p.name.clone(),
                role: p.role.clone(),
                last_read_seq: p.last_read_seq,
                joined_at: p.joined_at,
            })
            .collect();
        let title = match (row.kind, &row.name, &row.project_name) {
            (ConversationKind::Project, _, Some(project)) => project.clone(),
            (ConversationKind::Group, Some(name), _) => name.clone(),
            (ConversationKind::Direct, _, _) => people
                .iter()
                .find(|p| p.user_id != viewer)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "Direct message".into()),
            _ => group_title(&people, viewer),
        };
        let last_message = row.last_message_id.map(|id| LastMessageView {
            id: id.0,
            author_id: row.last_message_author_id.map(|a| a.0),
            preview: row
                .last_message_body
                .unwrap_or_default()
                .chars()
                .take(PREVIEW_CHARS)
                .collect(),
            created_at: row.last_message_at.unwrap_or(row.updated_at),
            deleted: row.last_message_deleted_at.is_some(),
        });
        Self {
            id: row.id.0,
            kind: row.kind,
            title,
            name: row.name,
            project_id: row.project_id.map(|p| p.0),
            created_by: row.created_by.map(|c| c.0),
            last_seq: row.last_seq,
            last_read_seq: row.last_read_seq,
            unread_count: row.unread_count,
            muted: row.muted,
            archived: row.archived,
            last_message,
            participants: people,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// An unnamed group is called by its other members' names.
fn group_title(people: &[ParticipantView], viewer: Uuid) -> String {
    let names: Vec<&str> = people
        .iter()
        .filter(|p| p.user_id != viewer)
        .map(|p| p.name.as_str())
        .take(3)
        .collect();
    if names.is_empty() {
        "Group".into()
    } else {
        names.join(", ")
    }
}
