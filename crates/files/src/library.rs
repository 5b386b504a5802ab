//! A project's files as its people see them: listed, read, renamed, deleted, and each
//! version opened for download. Anyone who may view the project sees its files; leads and
//! editors (`ManageFiles`), and whoever uploaded a file, rename it, delete it and add
//! versions to it. Someone who may not view the project is told it is not there.

use chrono::Utc;
use fluxstudio_domain::{
    FileFamily, Invalid,
    permissions::{Access, Actor, ProjectAction, project_access},
};
use fluxstudio_store::{
    DbId,
    files::{self, FileFilter, FileOrder, FileRow, ListedFile, VersionRow},
    workspace::{activities::NewActivity, projects::VisibleProject},
};
use fluxstudio_workspace::WorkspaceError;

use crate::{
    FileError, Files, names,
    views::{FileView, VersionView},
};

pub(crate) const MANAGE: &str =
    "Only the project's leads and editors, and whoever uploaded a file, change it.";

/// What a list of files asks for.
#[derive(Debug, Clone)]
pub struct FileQuery<'a> {
    pub family: Option<FileFamily>,
    pub text: Option<&'a str>,
    pub order: FileOrder,
    pub descending: bool,
    pub after: Option<DbId>,
    /// One more than the page holds, so the caller knows whether more follow.
    pub fetch: i64,
}

/// A file as the caller may touch it.
pub(crate) struct Opened {
    pub listed: ListedFile,
    pub project: VisibleProject,
    /// How the caller takes part in the file's project.
    pub actor: Actor,
    pub can_manage: bool,
}

/// Whether `user`, acting as `actor`, may change `file`.
pub(crate) fn may_manage(actor: Actor, file: &FileRow, user: DbId) -> bool {
    project_access(actor, ProjectAction::ManageFiles) == Access::Allowed
        || file.created_by == Some(user)
}

/// A project that is not there for the caller is a file that is not there.
fn as_file(error: WorkspaceError) -> FileError {
    match error {
        WorkspaceError::NotFound(_) => WorkspaceError::NotFound("file").into(),
        other => other.into(),
    }
}

impl Files {
    /// The file `id` when `user` may see it; with `manage`, only when they may change it.
    pub(crate) async fn open(
        &self,
        user: DbId,
        id: DbId,
        manage: bool,
    ) -> Result<Opened, FileError> {
        let listed = files::listed(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("file"))?;
        let (project, actor) = self
            .workspace()
            .project_for(user, listed.file.project_id, ProjectAction::View, "")
            .await
            .map_err(as_file)?;
        let can_manage = may_manage(actor, &listed.file, user);
        if manage && !can_manage {
            return Err(WorkspaceError::Forbidden(MANAGE).into());
        }
        Ok(Opened {
            listed,
            project,
            actor,
            can_manage,
        })
    }

    /// A page of `project`'s files (`query.fetch` of them at most).
    pub async fn list(
        &self,
        user: DbId,
        project: DbId,
        query: &FileQuery<'_>,
    ) -> Result<Vec<FileView>, FileError> {
        let (_, actor) = self
            .workspace()
            .project_for(user, project, ProjectAction::View, "")
            .await?;
        if let Some(after) = query.after {
            let still_here = files::by_id(self.db(), after)
                .await?
                .is_some_and(|file| file.project_id == project);
            if !still_here {
                return Err(WorkspaceError::NoSuch(Invalid::new(
                    "cursor",
                    "The file this cursor continues from is gone; list again from the start.",
                ))
                .into());
            }
        }
        let filter = FileFilter {
            project,
            family: query.family,
            text: query.text,
            order: query.order,
            descending: query.descending,
            after: query.after,
        };
        let rows = files::page(self.db(), &filter, query.fetch).await?;
        Ok(rows
            .iter()
            .map(|row| FileView::of(row, may_manage(actor, &row.file, user)))
            .collect())
    }

    pub async fn get(&self, user: DbId, id: DbId) -> Result<FileView, FileError> {
        let opened = self.open(user, id, false).await?;
        Ok(FileView::of(&opened.listed, opened.can_manage))
    }

    /// Renames a file; the name is kept for display as [`names::display`] makes it.
    pub async fn rename(&self, user: DbId, id: DbId, name: &str) -> Result<FileView, FileError> {
        const MAX: usize = fluxstudio_domain::limits::FILE_NAME_CHARS;
        if name.chars().count() > MAX || name.chars().any(char::is_control) {
            return Err(Invalid::new(
                "name",
                format!("Give a name of 1 to {MAX} characters, without control characters."),
            )
            .into());
        }
        let name = names::display(name)
            .ok_or_else(|| Invalid::new("name", "Give a name with something visible in it."))?;
        let opened = self.open(user, id, true).await?;
        if !files::rename(self.db(), id, &name, Utc::now()).await? {
            return Err(WorkspaceError::NotFound("file").into());
        }
        self.record(&opened.project, user, "file.renamed", id, &name, None)
            .await;
        self.get(user, id).await
    }

    /// Deletes a file and its versions. Their bytes go at the next sweep, unless another
    /// file has the same bytes.
    pub async fn delete(&self, user: DbId, id: DbId) -> Result<(), FileError> {
        let opened = self.open(user, id, true).await?;
        if !files::delete(self.db(), id).await? {
            return Err(WorkspaceError::NotFound("file").into());
        }
        let name = opened.listed.file.name.clone();
        self.record(&opened.project, user, "file.deleted", id, &name, None)
            .await;
        Ok(())
    }

    /// A file's versions, the newest first.
    pub async fn versions(&self, user: DbId, id: DbId) -> Result<Vec<VersionView>, FileError> {
        self.open(user, id, false).await?;
        let rows = files::versions(self.db(), id).await?;
        Ok(rows.iter().map(VersionView::of).collect())
    }

    /// Version `number` of file `id`, for its download.
    pub async fn version(
        &self,
        user: DbId,
        id: DbId,
        number: i64,
    ) -> Result<(FileRow, VersionRow), FileError> {
        let (opened, version) = self.open_version(user, id, number).await?;
        Ok((opened.listed.file, version))
    }

    /// File `id` as [`Files::open`] gives it to `user`, with its version `number`.
    pub(crate) async fn open_version(
        &self,
        user: DbId,
        id: DbId,
        number: i64,
    ) -> Result<(Opened, VersionRow), FileError> {
        let opened = self.open(user, id, false).await?;
        let version = files::version(self.db(), id, number)
            .await?
            .ok_or(WorkspaceError::NotFound("version"))?;
        Ok((opened, version))
    }

    /// Records what happened to a file in its project's activity (and live to its room).
    pub(crate) async fn record(
        &self,
        project: &VisibleProject,
        actor: DbId,
        action: &str,
        file: DbId,
        name: &str,
        metadata: Option<serde_json::Value>,
    ) {
        self.workspace()
            .log(NewActivity {
                organization: project.project.organization_id,
                project: Some(project.project.id),
                actor,
                action,
                entity_type: "file",
                entity_id: Some(file),
                entity_title: Some(name),
                metadata,
            })
            .await;
    }
}
