//! Files and versions as the API shows them.

use chrono::{DateTime, Utc};
use fluxstudio_domain::{FileFamily, PreviewState, ReviewState};
use fluxstudio_store::files::{ListedFile, VersionRow};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A file of a project, with its newest version.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileView {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The name as uploaded or renamed, for display (downloads use a safe form of it).
    pub name: String,
    /// What the newest version is: image, vector, pdf, video, audio, archive or design.
    #[schema(value_type = String)]
    pub kind: FileFamily,
    /// How many versions the file has (the newest is number `versionCount`).
    pub version_count: i64,
    pub latest: VersionView,
    /// Who uploaded the first version (absent once their account is gone).
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When the file last changed: a new version or a new name.
    pub updated_at: DateTime<Utc>,
    /// Whether the caller may rename it, delete it and upload new versions.
    pub can_manage: bool,
}

/// One version of a file: its bytes, their type, who sent them and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VersionView {
    /// 1 for the first version, then 2, 3…
    pub number: i64,
    /// In bytes.
    pub size: i64,
    /// The SHA-256 of the bytes, lower-case hex (also the download's `ETag`).
    pub sha256: String,
    /// The type told from the bytes (`application/octet-stream` for design formats known
    /// by their extension).
    pub mime: String,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// Where the bytes are downloaded (`GET`, with the access token).
    pub content_url: String,
    /// Its previews (raster images, PDFs, SVG): `none` for a type without them, `pending`
    /// while they are made, `ready` (at `contentUrl` with `/preview?size=small|large` instead
    /// of `/content`, and `&page=` for a PDF's pages), or `failed`. Changes are told live as
    /// `file:preview`.
    #[schema(value_type = String)]
    pub preview: PreviewState,
    /// The image's pixels, once read (also when too large to preview).
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// A PDF's number of pages, once read (its first 30 have previews: `?page=`).
    pub pages: Option<i64>,
    /// Where its design review stands: `pending`, `approved` or `changes_requested` (see
    /// `GET …/versions/{number}/review`). Changes are told live as `review:decision`.
    #[schema(value_type = String)]
    pub review: ReviewState,
}

impl VersionView {
    pub fn of(row: &VersionRow) -> Self {
        Self {
            number: row.number,
            size: row.size,
            sha256: row.sha256.clone(),
            mime: row.mime.clone(),
            uploaded_by: row.uploaded_by.map(|id| id.0),
            created_at: row.created_at,
            content_url: format!(
                "/api/files/{}/versions/{}/content",
                row.file_id.0, row.number
            ),
            preview: row.preview,
            width: row.width,
            height: row.height,
            pages: row.pages,
            review: row.review,
        }
    }
}

impl FileView {
    pub fn of(listed: &ListedFile, can_manage: bool) -> Self {
        let file = &listed.file;
        Self {
            id: file.id.0,
            project_id: file.project_id.0,
            name: file.name.clone(),
            kind: file.family,
            version_count: file.latest_version,
            latest: VersionView::of(&listed.latest()),
            created_by: file.created_by.map(|id| id.0),
            created_at: file.created_at,
            updated_at: file.updated_at,
            can_manage,
        }
    }
}
