//! Files attached to tasks: a task of a project carries files of the same project, so the
//! board shows what a task is about and where its review stands. Anyone who may see the
//! project sees them; whoever may edit its tasks (leads, editors) attaches and detaches.
//! Each change is recorded on the task and told live as `task:updated`.

use chrono::Utc;
use fluxstudio_domain::{Invalid, permissions::ProjectAction};
use fluxstudio_store::{
    DbId, files,
    task_files::{self, TaskFileRow},
    workspace::{
        projects::VisibleProject,
        tasks::{self, TaskRow},
    },
};
use fluxstudio_workspace::WorkspaceError;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{FileError, FileView, Files, library::may_manage};

const EDIT: &str = "Only the project's leads and editors change tasks.";

/// A file attached to a task, with its newest version (and that version's review state).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskFileView {
    pub task_id: Uuid,
    pub file: FileView,
}

impl Files {
    /// The files attached to `project`'s tasks (to `task`'s only, when given).
    pub async fn task_files(
        &self,
        user: DbId,
        project: DbId,
        task: Option<DbId>,
    ) -> Result<Vec<TaskFileView>, FileError> {
        let (_, actor) = self
            .workspace()
            .project_for(user, project, ProjectAction::View, "")
            .await?;
        if let Some(task) = task {
            self.task_of(project, task).await?;
        }
        let rows = task_files::of_project(self.db(), project, task).await?;
        Ok(rows
            .into_iter()
            .map(|TaskFileRow { task_id, listed }| TaskFileView {
                task_id: task_id.0,
                file: FileView::of(&listed, may_manage(actor, &listed.file, user)),
            })
            .collect())
    }

    /// Attaches `file` (of the same project) to `task`; attaching it again changes nothing.
    pub async fn attach_to_task(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        file: DbId,
    ) -> Result<Vec<TaskFileView>, FileError> {
        let (visible, _) = self
            .workspace()
            .project_for(user, project, ProjectAction::EditTask, EDIT)
            .await?;
        let task = self.task_of(project, task).await?;
        let attached = files::by_id(self.db(), file)
            .await?
            .filter(|row| row.project_id == project)
            .ok_or_else(|| {
                WorkspaceError::NoSuch(Invalid::new("fileId", "Attach a file of this project."))
            })?;
        if task_files::attach(self.db(), task.id, attached.id, user, Utc::now()).await? {
            self.record_attachment(&visible, user, &task, "task.file_attached", file)
                .await;
        }
        self.task_files(user, project, Some(task.id)).await
    }

    /// Takes `file` off `task`.
    pub async fn detach_from_task(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        file: DbId,
    ) -> Result<(), FileError> {
        let (visible, _) = self
            .workspace()
            .project_for(user, project, ProjectAction::EditTask, EDIT)
            .await?;
        let task = self.task_of(project, task).await?;
        if !task_files::detach(self.db(), task.id, file).await? {
            return Err(WorkspaceError::NotFound("attachment").into());
        }
        self.record_attachment(&visible, user, &task, "task.file_detached", file)
            .await;
        Ok(())
    }

    async fn task_of(&self, project: DbId, task: DbId) -> Result<TaskRow, FileError> {
        Ok(tasks::by_id(self.db(), project, task)
            .await?
            .ok_or(WorkspaceError::NotFound("task"))?)
    }

    async fn record_attachment(
        &self,
        project: &VisibleProject,
        actor: DbId,
        task: &TaskRow,
        action: &str,
        file: DbId,
    ) {
        let metadata = serde_json::json!({ "fileId": file.0 });
        self.workspace()
            .task_activity(project, actor, task, action, Some(metadata))
            .await;
    }
}
