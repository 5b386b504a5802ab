//! Uploads: a new file in a project, or a new version of a file. The caller's rights and
//! the organization's quota are checked before a byte is read; the bytes are streamed to
//! the blob store (never held whole), and only a stored, accepted blob gets its row. A
//! refusal at any point leaves no row, and no blob a sweep would not remove.

use std::fmt::Display;

use bytes::Bytes;
use chrono::Utc;
use fluxstudio_domain::permissions::ProjectAction;
use fluxstudio_store::{
    DbId,
    files::{self, NewVersion},
    workspace::projects::VisibleProject,
};
use fluxstudio_workspace::WorkspaceError;
use futures_util::Stream;
use serde_json::json;

use crate::{FileError, Files, Stored, names, views::FileView};

/// A file or version made from an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub file: DbId,
    pub number: i64,
}

/// Where an upload goes, once the caller may send it there: a new file in a project, or a
/// new version of a file.
pub struct Destination {
    pub(crate) project: VisibleProject,
    /// The file and its name, for a new version.
    file: Option<(DbId, String)>,
}

impl Files {
    /// A new file in `project`, if `user` may add one and `declared` bytes (the request's
    /// length) could fit. Asked before a byte of the body is read.
    pub async fn to_project(
        &self,
        user: DbId,
        project: DbId,
        declared: Option<u64>,
    ) -> Result<Destination, FileError> {
        let (project, _) = self
            .workspace()
            .project_for(
                user,
                project,
                ProjectAction::ManageFiles,
                crate::library::MANAGE,
            )
            .await?;
        self.admit(&project, declared).await?;
        Ok(Destination {
            project,
            file: None,
        })
    }

    /// A new version of file `id`, as [`Files::to_project`] asks.
    pub async fn to_file(
        &self,
        user: DbId,
        id: DbId,
        declared: Option<u64>,
    ) -> Result<Destination, FileError> {
        let opened = self.open(user, id, true).await?;
        self.admit(&opened.project, declared).await?;
        Ok(Destination {
            project: opened.project,
            file: Some((id, opened.listed.file.name)),
        })
    }

    /// Streams `body` (sent as `name`) to the blob store and makes it the new file or
    /// version `to` names. The name is kept for display only (see [`names::display`]).
    pub async fn receive<S, E>(
        &self,
        user: DbId,
        to: Destination,
        name: &str,
        body: S,
    ) -> Result<FileView, FileError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Display,
    {
        let made = self.make(user, &to, name, body, DbId::new()).await?;
        self.get(user, made.file).await
    }

    /// The work of [`Files::receive`]: stores `body` and commits its row as version `id`
    /// (and, for a new file, file `id` too), so that whoever retries with the same id can
    /// tell it was done (see `resumable`).
    pub(crate) async fn make<S, E>(
        &self,
        user: DbId,
        to: &Destination,
        name: &str,
        body: S,
        id: DbId,
    ) -> Result<Made, FileError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Display,
    {
        let limit = self.settings().max_file_size;
        let staged = self.blobs().stage(body, name, limit).await?;
        let organization = to.project.project.organization_id;
        if let Err(refused) = self.check_quota(organization, staged.stored.size).await {
            self.blobs().discard(staged).await;
            return Err(refused);
        }
        // From the move to the commit, the sweep waits (see `Blobs::naming`).
        let naming = self.blobs().naming().await;
        let stored = self.blobs().keep(staged).await?;
        let version = new_version(&stored, user, id);
        let (file, name, action, number) = match &to.file {
            None => {
                let name = names::display(name).unwrap_or_else(|| names::safe(name));
                let project = to.project.project.id;
                files::insert(self.db(), id, project, &name, &version, Utc::now()).await?;
                (id, name, "file.created", 1)
            }
            Some((file, name)) => {
                let number = files::add_version(self.db(), *file, &version, Utc::now())
                    .await?
                    .ok_or(WorkspaceError::NotFound("file"))?;
                (*file, name.clone(), "file.version_added", number)
            }
        };
        drop(naming);
        self.queue_preview(id);
        let metadata = Some(json!({"version": number}));
        self.record(&to.project, user, action, file, &name, metadata)
            .await;
        Ok(Made { file, number })
    }

    /// What can be checked before reading: uploads are on, and the organization's quota
    /// has room for the declared length (which frames the file in a form, so is a little
    /// more than the file; the stream's own count settles it exactly).
    async fn admit(
        &self,
        project: &VisibleProject,
        declared: Option<u64>,
    ) -> Result<(), FileError> {
        let settings = self.settings();
        if !settings.uploads_enabled {
            return Err(FileError::Disabled);
        }
        if let Some(declared) = declared {
            self.check_quota(
                project.project.organization_id,
                declared.min(settings.max_file_size),
            )
            .await?;
        }
        Ok(())
    }

    /// Refuses when `organization` has no room for `more` bytes.
    async fn check_quota(&self, organization: DbId, more: u64) -> Result<(), FileError> {
        let Some(quota) = self.settings().quota else {
            return Ok(());
        };
        let used = files::organization_usage(self.db(), organization).await?;
        if u64::try_from(used).unwrap_or(0).saturating_add(more) > quota {
            return Err(FileError::QuotaExceeded { quota });
        }
        Ok(())
    }

    /// The bytes `organization`'s files take, and its quota, for its members.
    pub async fn usage(
        &self,
        user: DbId,
        organization: DbId,
    ) -> Result<(u64, Option<u64>), FileError> {
        self.workspace().organization(user, organization).await?;
        let used = files::organization_usage(self.db(), organization).await?;
        Ok((u64::try_from(used).unwrap_or(0), self.settings().quota))
    }
}

fn new_version(stored: &Stored, user: DbId, id: DbId) -> NewVersion<'_> {
    NewVersion {
        id,
        sha256: &stored.sha256,
        size: i64::try_from(stored.size).unwrap_or(i64::MAX),
        mime: stored.kind.mime,
        family: stored.kind.family,
        uploaded_by: user,
        preview: crate::preview_work::previewed(stored.kind.family),
    }
}
