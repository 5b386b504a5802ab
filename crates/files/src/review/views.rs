//! Design review as the API shows it: comments with their pins, and a version's decisions.

use chrono::{DateTime, Utc};
use fluxstudio_domain::{ReviewDecision, ReviewState};
use fluxstudio_store::{
    DbId,
    review::{
        comments::ReviewCommentRow,
        decisions::{DecisionRow, RequestRow},
    },
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Where a thread is pinned on its version: a point, or a rectangle from it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PinView {
    /// Across the image, from 0 (left edge) to 1 (right edge).
    pub x: f64,
    /// Down the image, from 0 (top edge) to 1 (bottom edge).
    pub y: f64,
    /// A rectangle's width and height, in the same units (both or neither).
    pub width: Option<f64>,
    pub height: Option<f64>,
    /// A PDF's page, from 1.
    pub page: Option<i64>,
}

/// A comment on a version of a file: a thread's first comment (which may be pinned and
/// resolved) or a reply to one.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewCommentView {
    pub id: Uuid,
    pub file_id: Uuid,
    /// The version's number.
    pub version: i64,
    /// The thread's first comment, for a reply.
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    /// Markdown; empty once deleted.
    pub body: String,
    pub mentions: Vec<Uuid>,
    pub pin: Option<PinView>,
    pub resolved: bool,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Whether the caller may edit and delete it (they wrote it, and it is not deleted).
    pub can_edit: bool,
}

impl ReviewCommentView {
    pub fn of(row: ReviewCommentRow, caller: DbId, may_comment: bool) -> Self {
        let pin = row.pin().map(|pin| PinView {
            x: pin.x,
            y: pin.y,
            width: pin.size.map(|(width, _)| width),
            height: pin.size.map(|(_, height)| height),
            page: pin.page,
        });
        Self {
            id: row.id.0,
            file_id: row.file_id.0,
            version: row.number,
            parent_id: row.parent_id.map(|id| id.0),
            author_id: row.author_id.map(|id| id.0),
            author_name: row.author_name,
            body: row.body,
            mentions: row.mentions.0,
            pin,
            resolved: row.resolved_at.is_some(),
            resolved_by: row.resolved_by.map(|id| id.0),
            resolved_at: row.resolved_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            can_edit: may_comment && row.author_id == Some(caller) && row.deleted_at.is_none(),
            deleted_at: row.deleted_at,
        }
    }
}

/// One reviewer's current decision on a version.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DecisionView {
    pub reviewer_id: Uuid,
    pub reviewer_name: Option<String>,
    #[schema(value_type = String)]
    pub decision: ReviewDecision,
    pub note: Option<String>,
    pub decided_at: DateTime<Utc>,
}

/// Someone asked for their review of a version.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRequestView {
    pub user_id: Uuid,
    pub name: Option<String>,
    pub requested_by: Option<Uuid>,
    pub requested_at: DateTime<Utc>,
}

/// Where the review of one version stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    /// The version's number.
    pub version: i64,
    /// `changes_requested` while any reviewer's current decision asks for changes,
    /// `approved` once someone approved and no one asks for changes, else `pending`.
    #[schema(value_type = String)]
    pub state: ReviewState,
    /// Each reviewer's current decision, the earliest first.
    pub decisions: Vec<DecisionView>,
    /// The people asked for their review.
    pub requested: Vec<ReviewRequestView>,
    /// Whether the caller may approve or ask for changes (a lead or a reviewer).
    pub can_decide: bool,
    /// Whether the caller may ask people for their review (who may change the file).
    pub can_request: bool,
}

impl From<DecisionRow> for DecisionView {
    fn from(row: DecisionRow) -> Self {
        Self {
            reviewer_id: row.reviewer_id.0,
            reviewer_name: row.reviewer_name,
            decision: row.decision,
            note: row.note,
            decided_at: row.decided_at,
        }
    }
}

impl From<RequestRow> for ReviewRequestView {
    fn from(row: RequestRow) -> Self {
        Self {
            user_id: row.user_id.0,
            name: row.name,
            requested_by: row.requested_by.map(|id| id.0),
            requested_at: row.requested_at,
        }
    }
}
