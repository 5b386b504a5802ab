//! The documents service, independent of HTTP: a project's documents, their export, their
//! history and restoring it. Reading needs the project's `View`; everything that changes a
//! document needs `EditDocuments`.

use std::sync::Arc;

use chrono::Utc;
use fluxstudio_domain::{Invalid, limits, permissions::ProjectAction};
use fluxstudio_store::{
    Db, DbId,
    documents::{
        rows::{self, DocumentRow},
        snapshots::{self, NewSnapshot},
    },
};
use fluxstudio_workspace::{Workspace, WorkspaceError};

use crate::{
    close::Refusal,
    export::{self, Format},
    hub::Hub,
    restore, stored,
    views::{DocumentView, SnapshotView},
};

const TITLE_MAX: usize = limits::DOCUMENT_TITLE_CHARS;
const NAME_MAX: usize = limits::VERSION_NAME_CHARS;

#[derive(Clone)]
pub struct Documents {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    workspace: Workspace,
    hub: Hub,
}

impl Documents {
    pub fn new(db: Db, workspace: Workspace, hub: Hub) -> Self {
        Self {
            inner: Arc::new(Inner { db, workspace, hub }),
        }
    }

    pub fn hub(&self) -> &Hub {
        &self.inner.hub
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The document if `user` may read it, and whether they may write in it.
    pub async fn standing(
        &self,
        user: DbId,
        document: DbId,
    ) -> Result<(DocumentRow, bool), WorkspaceError> {
        let row = rows::get(self.db(), document)
            .await?
            .ok_or(WorkspaceError::NotFound("document"))?;
        let can_edit = self
            .can_edit(user, row.project_id)
            .await
            .map_err(|e| match e {
                WorkspaceError::NotFound(_) => WorkspaceError::NotFound("document"),
                other => other,
            })?;
        Ok((row, can_edit))
    }

    /// Whether `user` may edit the project's documents; not found when they may not see it.
    async fn can_edit(&self, user: DbId, project: DbId) -> Result<bool, WorkspaceError> {
        let workspace = &self.inner.workspace;
        match workspace
            .project_for(user, project, ProjectAction::EditDocuments, "")
            .await
        {
            Ok(_) => Ok(true),
            Err(WorkspaceError::Forbidden(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// The document when `user` may change it.
    async fn editable(&self, user: DbId, document: DbId) -> Result<DocumentRow, WorkspaceError> {
        match self.standing(user, document).await? {
            (row, true) => Ok(row),
            (_, false) => Err(WorkspaceError::Forbidden(
                "Only the project's leads and editors can change its documents.",
            )),
        }
    }

    pub async fn create(
        &self,
        user: DbId,
        project: DbId,
        title: &str,
    ) -> Result<DocumentView, WorkspaceError> {
        self.inner
            .workspace
            .project_for(
                user,
                project,
                ProjectAction::EditDocuments,
                "Only the project's leads and editors can create documents.",
            )
            .await?;
        let title = checked(title, "title", TITLE_MAX)?;
        let row = rows::insert(self.db(), project, title, user, Utc::now()).await?;
        Ok(DocumentView::new(row, true))
    }

    pub async fn list(
        &self,
        user: DbId,
        project: DbId,
        after: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<DocumentView>, WorkspaceError> {
        let can_edit = self.can_edit(user, project).await?;
        let rows = rows::page(self.db(), project, after, limit).await?;
        Ok(rows
            .into_iter()
            .map(|r| DocumentView::new(r, can_edit))
            .collect())
    }

    pub async fn get(&self, user: DbId, document: DbId) -> Result<DocumentView, WorkspaceError> {
        let (row, can_edit) = self.standing(user, document).await?;
        Ok(DocumentView::new(row, can_edit))
    }

    pub async fn rename(
        &self,
        user: DbId,
        document: DbId,
        title: &str,
    ) -> Result<DocumentView, WorkspaceError> {
        self.editable(user, document).await?;
        let title = checked(title, "title", TITLE_MAX)?;
        let row = rows::rename(self.db(), document, title, Utc::now())
            .await?
            .ok_or(WorkspaceError::NotFound("document"))?;
        Ok(DocumentView::new(row, true))
    }

    /// Deletes the document with its history; whoever has it open is disconnected.
    pub async fn delete(&self, user: DbId, document: DbId) -> Result<(), WorkspaceError> {
        self.editable(user, document).await?;
        if !rows::delete(self.db(), document).await? {
            return Err(WorkspaceError::NotFound("document"));
        }
        self.hub().close(document).await;
        Ok(())
    }

    /// The document rendered in `format`, with its title.
    pub async fn export(
        &self,
        user: DbId,
        document: DbId,
        format: Format,
    ) -> Result<(String, String), WorkspaceError> {
        let (row, _) = self.standing(user, document).await?;
        let (doc, _) = self.current(document).await?;
        let body = export::render(format, &row.title, &export::read(&doc));
        Ok((row.title, body))
    }

    pub async fn snapshots(
        &self,
        user: DbId,
        document: DbId,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<SnapshotView>, WorkspaceError> {
        self.standing(user, document).await?;
        let rows = snapshots::page(self.db(), document, before, limit).await?;
        Ok(rows.into_iter().map(SnapshotView::from).collect())
    }

    /// Saves the current content under `name`.
    pub async fn save_version(
        &self,
        user: DbId,
        document: DbId,
        name: &str,
    ) -> Result<SnapshotView, WorkspaceError> {
        self.editable(user, document).await?;
        let name = checked(name, "name", NAME_MAX)?;
        self.snapshot(document, name, false, Some(user)).await
    }

    /// Brings back a version as a new change, after saving the current content as an
    /// automatic version. Returns that saved version.
    pub async fn restore(
        &self,
        user: DbId,
        document: DbId,
        snapshot: DbId,
    ) -> Result<SnapshotView, WorkspaceError> {
        self.editable(user, document).await?;
        let version = snapshots::get(self.db(), snapshot)
            .await?
            .filter(|s| s.document_id == document)
            .ok_or(WorkspaceError::NotFound("snapshot"))?;
        let old = snapshots::state(self.db(), snapshot)
            .await?
            .ok_or(WorkspaceError::NotFound("snapshot"))?;
        // The version must be readable before anything is written: a refused restore
        // leaves no backup behind.
        restore::restore(&yrs::Doc::new(), &old)
            .map_err(|error| WorkspaceError::Internal(error.to_string()))?;
        let name = format!("Before restoring \u{201c}{}\u{201d}", version.name);
        let backup = self.snapshot(document, &name, true, Some(user)).await?;
        let mut failed = None;
        self.hub()
            .change(document, |doc| match restore::restore(doc, &old) {
                Ok(update) => update,
                Err(error) => {
                    failed = Some(error);
                    yrs::Update::EMPTY_V1.to_vec()
                }
            })
            .await
            .map_err(refusal)?;
        if let Some(error) = failed {
            return Err(WorkspaceError::Internal(error.to_string()));
        }
        Ok(backup)
    }

    /// Stores a version of the document as it is now.
    pub(crate) async fn snapshot(
        &self,
        document: DbId,
        name: &str,
        automatic: bool,
        author: Option<DbId>,
    ) -> Result<SnapshotView, WorkspaceError> {
        let (doc, upto_seq) = self.current(document).await?;
        let new = NewSnapshot {
            document,
            name,
            automatic,
            state: &stored::state(&doc),
            upto_seq,
            author,
        };
        let id = snapshots::insert(self.db(), &new, Utc::now()).await?;
        let row = snapshots::get(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("snapshot"))?;
        Ok(row.into())
    }

    async fn current(&self, document: DbId) -> Result<(yrs::Doc, i64), WorkspaceError> {
        stored::load(self.db(), document)
            .await
            .map_err(|e| match e {
                stored::StoredError::Store(e) => WorkspaceError::Store(e),
                corrupt => WorkspaceError::Internal(corrupt.to_string()),
            })?
            .ok_or(WorkspaceError::NotFound("document"))
    }
}

/// `text` trimmed, when it is not blank and not longer than `max` characters as sent.
fn checked<'a>(text: &'a str, field: &'static str, max: usize) -> Result<&'a str, Invalid> {
    if text.chars().count() > max {
        return Err(Invalid::new(
            field,
            format!("The {field} is longer than {max} characters."),
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(Invalid::new(field, format!("Give the {field}.")));
    }
    Ok(text)
}

fn refusal(refusal: Refusal) -> WorkspaceError {
    match refusal {
        Refusal::NotFound => WorkspaceError::NotFound("document"),
        other => WorkspaceError::Internal(other.reason().to_owned()),
    }
}
