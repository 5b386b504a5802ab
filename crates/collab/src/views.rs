//! The shapes of documents and their history in the API.

use chrono::{DateTime, Utc};
use fluxstudio_store::documents::{rows::DocumentRow, snapshots::SnapshotRow};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    pub id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When it was last renamed or written in.
    pub updated_at: DateTime<Utc>,
    /// Whether the caller may write in it (project viewers and reviewers read only).
    pub can_edit: bool,
}

impl DocumentView {
    pub fn new(row: DocumentRow, can_edit: bool) -> Self {
        Self {
            id: row.id.0,
            project_id: row.project_id.0,
            title: row.title,
            created_by: row.created_by.map(|id| id.0),
            created_at: row.created_at,
            updated_at: row.updated_at,
            can_edit,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotView {
    pub id: Uuid,
    pub document_id: Uuid,
    pub name: String,
    /// Taken by the server on its own (periodically, or before a restore).
    pub automatic: bool,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<SnapshotRow> for SnapshotView {
    fn from(row: SnapshotRow) -> Self {
        Self {
            id: row.id.0,
            document_id: row.document_id.0,
            name: row.name,
            automatic: row.automatic,
            created_by: row.created_by.map(|id| id.0),
            created_by_name: row.created_by_name,
            created_at: row.created_at,
        }
    }
}
