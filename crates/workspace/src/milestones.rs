//! Milestones: set by the project's leads and editors; progress is the share of their
//! tasks that are done.

use chrono::NaiveDate;
use fluxstudio_domain::{Invalid, limits, permissions::ProjectAction};
use fluxstudio_store::{
    DbId,
    workspace::{
        activities::NewActivity,
        milestones::{self, MilestoneRow},
        projects::VisibleProject,
    },
};

use crate::{MilestoneView, Workspace, WorkspaceError, organizations::description, service::now};

const TITLE_MAX: usize = limits::MILESTONE_TITLE_CHARS;
const EDIT: &str = "Only the project's leads and editors manage milestones.";

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

impl Workspace {
    pub async fn milestones(
        &self,
        user: DbId,
        project: DbId,
    ) -> Result<Vec<MilestoneView>, WorkspaceError> {
        self.project_for(user, project, ProjectAction::View, "")
            .await?;
        let rows = milestones::of_project(self.db(), project).await?;
        Ok(rows.into_iter().map(MilestoneView::from).collect())
    }

    pub async fn create_milestone(
        &self,
        user: DbId,
        project: DbId,
        name: &str,
        about: Option<&str>,
        due_date: Option<NaiveDate>,
    ) -> Result<MilestoneView, WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::ManageMilestones, EDIT)
            .await?;
        let id = milestones::insert(
            self.db(),
            project,
            title(name)?,
            description(about)?,
            due_date,
            user,
            now(),
        )
        .await?;
        let row = self.milestone_row(project, id).await?;
        self.milestone_activity(&visible, user, &row, "milestone.created")
            .await;
        Ok(row.into())
    }

    async fn milestone_activity(
        &self,
        project: &VisibleProject,
        actor: DbId,
        row: &MilestoneRow,
        action: &str,
    ) {
        self.log(NewActivity {
            organization: project.project.organization_id,
            project: Some(project.project.id),
            actor,
            action,
            entity_type: "milestone",
            entity_id: Some(row.id),
            entity_title: Some(&row.title),
            metadata: None,
        })
        .await;
    }

    pub(crate) async fn milestone_row(
        &self,
        project: DbId,
        id: DbId,
    ) -> Result<MilestoneRow, WorkspaceError> {
        milestones::by_id(self.db(), project, id)
            .await?
            .ok_or(WorkspaceError::NotFound("milestone"))
    }

    /// The milestone a task is attached to must be one of the same project.
    pub(crate) async fn check_milestone(
        &self,
        project: DbId,
        id: DbId,
    ) -> Result<(), WorkspaceError> {
        match milestones::by_id(self.db(), project, id).await? {
            Some(_) => Ok(()),
            None => Err(WorkspaceError::NoSuch(Invalid::new(
                "milestoneId",
                "No such milestone in this project.",
            ))),
        }
    }

    pub async fn update_milestone(
        &self,
        user: DbId,
        project: DbId,
        id: DbId,
        name: Option<&str>,
        about: Option<Option<&str>>,
        due_date: Option<Option<NaiveDate>>,
    ) -> Result<MilestoneView, WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::ManageMilestones, EDIT)
            .await?;
        let name = name.map(title).transpose()?;
        let about = about.map(description).transpose()?;
        if !milestones::update(self.db(), project, id, name, about, due_date, now()).await? {
            return Err(WorkspaceError::NotFound("milestone"));
        }
        let row = self.milestone_row(project, id).await?;
        self.milestone_activity(&visible, user, &row, "milestone.updated")
            .await;
        Ok(row.into())
    }

    pub async fn delete_milestone(
        &self,
        user: DbId,
        project: DbId,
        id: DbId,
    ) -> Result<(), WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::ManageMilestones, EDIT)
            .await?;
        let row = self.milestone_row(project, id).await?;
        milestones::delete(self.db(), project, id).await?;
        self.milestone_activity(&visible, user, &row, "milestone.deleted")
            .await;
        Ok(())
    }
}
