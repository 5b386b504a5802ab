//! Tasks on a project's board: created, edited, moved between and within columns, and
//! deleted by the project's leads and editors; seen by everyone who sees the project. The
//! assignee must be on the project and is notified.

use chrono::NaiveDate;
use fluxstudio_domain::{Invalid, limits};
use fluxstudio_domain::{NotificationKind, Priority, TaskStatus, permissions::ProjectAction};
use fluxstudio_store::{
    DbId,
    workspace::{
        activities::NewActivity,
        project_members,
        projects::VisibleProject,
        tasks::{self, NewTask, TaskChange, TaskRow},
    },
};

use crate::{TaskView, Workspace, WorkspaceError, service::now};

const TITLE_MAX: usize = limits::TASK_TITLE_CHARS;
const DESCRIPTION_MAX: usize = limits::TASK_DESCRIPTION_CHARS;
const TAGS_MAX: usize = limits::TASK_TAGS;
const TAG_MAX: usize = limits::TAG_CHARS;
const EDIT: &str = "Only the project's leads and editors change tasks.";

/// A new task as the client sent it (validated here).
pub struct NewTaskRequest<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub status: Option<&'a str>,
    pub priority: Option<&'a str>,
    pub assignee: Option<DbId>,
    pub milestone: Option<DbId>,
    pub due_date: Option<NaiveDate>,
    pub tags: Vec<String>,
}

/// A change as the client sent it; `None` leaves a field, `Some(None)` clears it.
#[derive(Default)]
pub struct TaskChangeRequest<'a> {
    pub title: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
    pub priority: Option<&'a str>,
    pub assignee: Option<Option<DbId>>,
    pub milestone: Option<Option<DbId>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub tags: Option<Vec<String>>,
}

/// A title: not blank, at most `TITLE_MAX` characters as sent; kept trimmed.
fn title(raw: &str) -> Result<&str, Invalid> {
    let title = raw.trim();
    if title.is_empty() || raw.chars().count() > TITLE_MAX {
        return Err(Invalid::new(
            "title",
            format!("Give a title of 1 to {TITLE_MAX} characters."),
        ));
    }
    Ok(title)
}

fn task_description(raw: Option<&str>) -> Result<Option<&str>, Invalid> {
    let text = raw.filter(|d| !d.trim().is_empty());
    if text.is_some_and(|d| d.chars().count() > DESCRIPTION_MAX) {
        return Err(Invalid::new(
            "description",
            format!("Keep the description to {DESCRIPTION_MAX} characters."),
        ));
    }
    Ok(text)
}

/// Tags: at most `TAGS_MAX` of `TAG_MAX` characters as sent, none blank; kept trimmed,
/// lower-cased and without repeats.
fn tags(raw: Vec<String>) -> Result<Vec<String>, Invalid> {
    if raw.len() > TAGS_MAX {
        return Err(Invalid::new(
            "tags",
            format!("Use at most {TAGS_MAX} tags."),
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for sent in raw {
        let tag = sent.trim().to_lowercase();
        if tag.is_empty() || sent.chars().count() > TAG_MAX {
            return Err(Invalid::new(
                "tags",
                format!("Each tag has 1 to {TAG_MAX} characters."),
            ));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

impl Workspace {
    pub async fn create_task(
        &self,
        user: DbId,
        project: DbId,
        request: NewTaskRequest<'_>,
    ) -> Result<TaskView, WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::CreateTask, EDIT)
            .await?;
        let status: TaskStatus = request
            .status
            .map(str::parse)
            .transpose()?
            .unwrap_or_default();
        let priority: Priority = request
            .priority
            .map(str::parse)
            .transpose()?
            .unwrap_or_default();
        if let Some(assignee) = request.assignee {
            self.check_assignee(project, assignee).await?;
        }
        if let Some(milestone) = request.milestone {
            self.check_milestone(project, milestone).await?;
        }
        let tags = tags(request.tags)?;
        let new = NewTask {
            project,
            title: title(request.title)?,
            description: task_description(request.description)?,
            status: status.as_str(),
            priority: priority.as_str(),
            assignee: request.assignee,
            milestone: request.milestone,
            due_date: request.due_date,
            tags: &tags,
            created_by: user,
        };
        let id = tasks::insert(self.db(), &new, now()).await?;
        let task = self.task_row(project, id).await?;
        self.task_activity(&visible, user, &task, "task.created", None)
            .await;
        if let Some(assignee) = task.assignee_id {
            self.notify_assigned(&visible, user, assignee, &task).await;
        }
        Ok(task.into())
    }

    async fn check_assignee(&self, project: DbId, assignee: DbId) -> Result<(), WorkspaceError> {
        if project_members::role_of(self.db(), project, assignee)
            .await?
            .is_none()
        {
            return Err(WorkspaceError::NoSuch(Invalid::new(
                "assigneeId",
                "The assignee must be a member of the project.",
            )));
        }
        Ok(())
    }

    pub(crate) async fn task_row(
        &self,
        project: DbId,
        id: DbId,
    ) -> Result<TaskRow, WorkspaceError> {
        tasks::by_id(self.db(), project, id)
            .await?
            .ok_or(WorkspaceError::NotFound("task"))
    }

    /// The whole board: every task, column by column, in order.
    pub async fn board(&self, user: DbId, project: DbId) -> Result<Vec<TaskView>, WorkspaceError> {
        self.project_for(user, project, ProjectAction::View, "")
            .await?;
        let rows = tasks::board(self.db(), project).await?;
        Ok(rows.into_iter().map(TaskView::from).collect())
    }

    pub async fn task(
        &self,
        user: DbId,
        project: DbId,
        id: DbId,
    ) -> Result<TaskView, WorkspaceError> {
        self.project_for(user, project, ProjectAction::View, "")
            .await?;
        self.task_row(project, id).await.map(TaskView::from)
    }

    pub async fn update_task(
        &self,
        user: DbId,
        project: DbId,
        id: DbId,
        change: TaskChangeRequest<'_>,
    ) -> Result<TaskView, WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::EditTask, EDIT)
            .await?;
        let before = self.task_row(project, id).await?;
        let nothing = change.title.is_none()
            && change.description.is_none()
            && change.priority.is_none()
            && change.assignee.is_none()
            && change.milestone.is_none()
            && change.due_date.is_none()
            && change.tags.is_none();
        if nothing {
            // Nothing asked (a PATCH that only moves the task): nothing written or logged.
            return Ok(before.into());
        }
        let priority: Option<Priority> = change.priority.map(str::parse).transpose()?;
        if let Some(Some(assignee)) = change.assignee {
            self.check_assignee(project, assignee).await?;
        }
        if let Some(Some(milestone)) = change.milestone {
            self.check_milestone(project, milestone).await?;
        }
        let tags = change.tags.map(tags).transpose()?;
        let stored = TaskChange {
            title: change.title.map(title).transpose()?,
            description: change.description.map(task_description).transpose()?,
            priority: priority.map(Priority::as_str),
            assignee: change.assignee,
            milestone: change.milestone,
            due_date: change.due_date,
            tags: tags.as_deref(),
        };
        tasks::update(self.db(), project, id, &stored, now()).await?;
        let task = self.task_row(project, id).await?;
        self.task_activity(&visible, user, &task, "task.updated", None)
            .await;
        if let Some(assignee) = task.assignee_id
            && before.assignee_id != Some(assignee)
        {
            self.notify_assigned(&visible, user, assignee, &task).await;
        }
        Ok(task.into())
    }

    /// Moves a task to `status` at `index` in that column (0 = top).
    pub async fn move_task(
        &self,
        user: DbId,
        project: DbId,
        id: DbId,
        status: &str,
        index: usize,
    ) -> Result<TaskView, WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::MoveTask, EDIT)
            .await?;
        let status: TaskStatus = status.parse()?;
        let before = self.task_row(project, id).await?;
        if !tasks::move_to(self.db(), project, id, status.as_str(), index, now()).await? {
            return Err(WorkspaceError::NotFound("task"));
        }
        let task = self.task_row(project, id).await?;
        let metadata =
            serde_json::json!({ "from": before.status, "to": task.status, "index": index });
        self.task_activity(&visible, user, &task, "task.moved", Some(metadata))
            .await;
        Ok(task.into())
    }

    pub async fn delete_task(
        &self,
        user: DbId,
        project: DbId,
        id: DbId,
    ) -> Result<(), WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::DeleteTask, EDIT)
            .await?;
        let task = self.task_row(project, id).await?;
        tasks::delete(self.db(), project, id).await?;
        self.task_activity(&visible, user, &task, "task.deleted", None)
            .await;
        Ok(())
    }

    /// Records what happened to a task (other services' too: files attached to it).
    pub async fn task_activity(
        &self,
        project: &VisibleProject,
        actor: DbId,
        task: &TaskRow,
        action: &str,
        metadata: Option<serde_json::Value>,
    ) {
        self.log(NewActivity {
            organization: project.project.organization_id,
            project: Some(project.project.id),
            actor,
            action,
            entity_type: "task",
            entity_id: Some(task.id),
            entity_title: Some(&task.title),
            metadata,
        })
        .await;
    }

    async fn notify_assigned(
        &self,
        project: &VisibleProject,
        actor: DbId,
        assignee: DbId,
        task: &TaskRow,
    ) {
        if assignee == actor {
            return;
        }
        let title = format!("You were assigned \"{}\"", task.title);
        let data = serde_json::json!({
            "projectId": project.project.id.0, "taskId": task.id.0, "actorId": actor.0,
        });
        self.notify(
            assignee,
            NotificationKind::TaskAssigned,
            &title,
            &project.project.name,
            &data,
        )
        .await;
    }
}
