//! Projects: created by staff of an organization (the creator leads), listed with filters,
//! read, edited, deleted, and staffed, each as the permission rules allow.

use chrono::NaiveDate;
use fluxstudio_domain::{
    Actor, DisplayName, Invalid, NotificationKind, Priority, ProjectRole, ProjectStatus,
    permissions::{Access, OrgAction, ProjectAction, effective_project_role, project_access},
};
use fluxstudio_store::{
    DbId,
    workspace::{
        activities::NewActivity,
        project_members,
        projects::{self, ProjectChange, ProjectFields, ProjectFilter, VisibleProject},
        teams,
    },
};

use crate::{
    ProjectMemberView, ProjectView, Workspace, WorkspaceError, organizations::description,
    service::now,
};

/// A new project as the client sent it (validated here).
pub struct NewProjectRequest<'a> {
    pub organization: DbId,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub status: Option<&'a str>,
    pub priority: Option<&'a str>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub team: Option<DbId>,
}

/// A change as the client sent it; `None` leaves a field, `Some(None)` clears it.
#[derive(Default)]
pub struct ProjectChangeRequest<'a> {
    pub name: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
    pub status: Option<&'a str>,
    pub priority: Option<&'a str>,
    pub start_date: Option<Option<NaiveDate>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub team: Option<Option<DbId>>,
}

/// Who `project`'s viewer is to the permission rules: their roles in its organization and
/// on it (see `fluxstudio_domain::permissions`).
pub fn viewer(project: &VisibleProject) -> Actor {
    Actor {
        org_role: Some(project.org_role),
        project_role: project.project_role,
    }
}

/// The role `project` gives its viewer, the organization's owner and admins counting as
/// leads.
pub fn effective_role(project: &VisibleProject) -> Option<ProjectRole> {
    effective_project_role(viewer(project))
}

fn dates(start: Option<NaiveDate>, due: Option<NaiveDate>) -> Result<(), WorkspaceError> {
    match (start, due) {
        (Some(start), Some(due)) if due < start => Err(WorkspaceError::DatesOutOfOrder),
        _ => Ok(()),
    }
}

impl Workspace {
    /// The project as `user` may see it, once the rules allow `action` on it.
    /// The project as `user` sees it and their standing in it, when the rules let them do
    /// `action`; otherwise the refusal (not found when they may not know it exists).
    pub async fn project_for(
        &self,
        user: DbId,
        project: DbId,
        action: ProjectAction,
        refusal: &'static str,
    ) -> Result<(VisibleProject, Actor), WorkspaceError> {
        let visible = projects::visible(self.db(), project, user).await?;
        let actor = visible.as_ref().map(viewer).unwrap_or_default();
        match (project_access(actor, action), visible) {
            (Access::Allowed, Some(visible)) => Ok((visible, actor)),
            (Access::Forbidden, Some(_)) => Err(WorkspaceError::Forbidden(refusal)),
            _ => Err(WorkspaceError::NotFound("project")),
        }
    }

    /// Creates a project; the creator becomes its lead.
    pub async fn create_project(
        &self,
        user: DbId,
        request: &NewProjectRequest<'_>,
    ) -> Result<ProjectView, WorkspaceError> {
        self.require(
            request.organization,
            user,
            OrgAction::CreateProject,
            "Clients cannot create projects.",
        )
        .await?;
        let name = DisplayName::parse(request.name)?;
        let status: ProjectStatus = request
            .status
            .map(str::parse)
            .transpose()?
            .unwrap_or_default();
        let priority: Priority = request
            .priority
            .map(str::parse)
            .transpose()?
            .unwrap_or_default();
        dates(request.start_date, request.due_date)?;
        if let Some(team) = request.team {
            self.check_team(request.organization, team).await?;
        }
        let fields = ProjectFields {
            name: name.as_str(),
            description: description(request.description)?,
            status: status.as_str(),
            priority: priority.as_str(),
            start_date: request.start_date,
            due_date: request.due_date,
            team: request.team,
        };
        let id = projects::insert(self.db(), request.organization, &fields, user, now()).await?;
        let (project, _) = self.project_for(user, id, ProjectAction::View, "").await?;
        self.project_activity(&project, user, "project.created", None)
            .await;
        Ok(project.into())
    }

    async fn check_team(&self, organization: DbId, team: DbId) -> Result<(), WorkspaceError> {
        teams::by_id(self.db(), organization, team)
            .await?
            .map(|_| ())
            .ok_or_else(|| {
                WorkspaceError::NoSuch(Invalid::new("teamId", "No such team in this organization."))
            })
    }

    /// The projects `user` may see, newest first.
    pub async fn projects(
        &self,
        user: DbId,
        filter: &ProjectFilter<'_>,
        limit: i64,
    ) -> Result<Vec<ProjectView>, WorkspaceError> {
        let rows = projects::page(self.db(), user, filter, limit).await?;
        Ok(rows.into_iter().map(ProjectView::from).collect())
    }

    pub async fn project(&self, user: DbId, id: DbId) -> Result<ProjectView, WorkspaceError> {
        let (project, _) = self.project_for(user, id, ProjectAction::View, "").await?;
        Ok(project.into())
    }

    pub async fn update_project(
        &self,
        user: DbId,
        id: DbId,
        change: &ProjectChangeRequest<'_>,
    ) -> Result<ProjectView, WorkspaceError> {
        let (before, _) = self
            .project_for(
                user,
                id,
                ProjectAction::Update,
                "Only the project's leads can edit it.",
            )
            .await?;
        let name = change.name.map(DisplayName::parse).transpose()?;
        let status: Option<ProjectStatus> = change.status.map(str::parse).transpose()?;
        let priority: Option<Priority> = change.priority.map(str::parse).transpose()?;
        let about = change.description.map(description).transpose()?;
        let start = change.start_date.unwrap_or(before.project.start_date);
        let due = change.due_date.unwrap_or(before.project.due_date);
        dates(start, due)?;
        if let Some(Some(team)) = change.team {
            self.check_team(before.project.organization_id, team)
                .await?;
        }
        let stored = ProjectChange {
            name: name.as_ref().map(DisplayName::as_str),
            description: about,
            status: status.map(ProjectStatus::as_str),
            priority: priority.map(Priority::as_str),
            start_date: change.start_date,
            due_date: change.due_date,
            team: change.team,
        };
        projects::update(self.db(), id, &stored, now()).await?;
        let (after, _) = self.project_for(user, id, ProjectAction::View, "").await?;
        let metadata = (before.project.status != after.project.status).then(
            || serde_json::json!({ "from": before.project.status, "to": after.project.status }),
        );
        let status_changed = metadata.is_some();
        let action = if status_changed {
            "project.status_changed"
        } else {
            "project.updated"
        };
        self.project_activity(&after, user, action, metadata).await;
        if status_changed {
            self.tell_leads_of_status(&after, user).await?;
        }
        Ok(after.into())
    }

    pub async fn delete_project(&self, user: DbId, id: DbId) -> Result<(), WorkspaceError> {
        let (project, _) = self
            .project_for(
                user,
                id,
                ProjectAction::Delete,
                "Only the project's leads can delete it.",
            )
            .await?;
        projects::delete(self.db(), id).await?;
        self.publish_project_closed(id);
        self.log(NewActivity {
            organization: project.project.organization_id,
            project: None,
            actor: user,
            action: "project.deleted",
            entity_type: "project",
            entity_id: Some(id),
            entity_title: Some(&project.project.name),
            metadata: None,
        })
        .await;
        Ok(())
    }

    pub async fn project_members(
        &self,
        user: DbId,
        id: DbId,
    ) -> Result<Vec<ProjectMemberView>, WorkspaceError> {
        self.project_for(user, id, ProjectAction::View, "").await?;
        let rows = project_members::list(self.db(), id).await?;
        Ok(rows.into_iter().map(ProjectMemberView::from).collect())
    }

    /// Puts an organization member on the project with `role`, or changes their role.
    pub async fn set_project_member(
        &self,
        user: DbId,
        id: DbId,
        member: DbId,
        role: ProjectRole,
    ) -> Result<(), WorkspaceError> {
        let (project, _) = self
            .project_for(
                user,
                id,
                ProjectAction::ManageMembers,
                "Only the project's leads manage its members.",
            )
            .await?;
        if self
            .org_role(project.project.organization_id, member)
            .await?
            .is_none()
        {
            return Err(WorkspaceError::NotAMember);
        }
        let current = project_members::role_of(self.db(), id, member).await?;
        if current.as_deref() == Some("lead") && role != ProjectRole::Lead {
            self.keep_a_lead(id).await?;
        }
        project_members::upsert(self.db(), id, member, role.as_str(), now()).await?;
        self.project_activity(
            &project,
            user,
            "project.member_set",
            Some(serde_json::json!({
                "userId": member.0, "role": role.as_str()
            })),
        )
        .await;
        Ok(())
    }

    pub async fn remove_project_member(
        &self,
        user: DbId,
        id: DbId,
        member: DbId,
    ) -> Result<(), WorkspaceError> {
        let (project, _) = self
            .project_for(
                user,
                id,
                ProjectAction::ManageMembers,
                "Only the project's leads manage its members.",
            )
            .await?;
        if project_members::role_of(self.db(), id, member)
            .await?
            .as_deref()
            == Some("lead")
        {
            self.keep_a_lead(id).await?;
        }
        if !project_members::remove(self.db(), id, member).await? {
            return Err(WorkspaceError::NotFound("project member"));
        }
        self.publish_access_changed(member);
        self.project_activity(
            &project,
            user,
            "project.member_removed",
            Some(serde_json::json!({
                "userId": member.0
            })),
        )
        .await;
        Ok(())
    }

    /// Tells the project's leads (but the one who did it) that its status changed.
    async fn tell_leads_of_status(
        &self,
        project: &VisibleProject,
        actor: DbId,
    ) -> Result<(), WorkspaceError> {
        let title = format!(
            "{} is now {}",
            project.project.name,
            project.project.status.as_str().replace('_', " ")
        );
        let data = serde_json::json!({ "projectId": project.project.id.0, "status": project.project.status, "actorId": actor.0 });
        for member in project_members::list(self.db(), project.project.id).await? {
            if member.role == ProjectRole::Lead && member.user_id != actor {
                self.notify(
                    member.user_id,
                    NotificationKind::ProjectStatus,
                    &title,
                    &project.project.name,
                    &data,
                )
                .await;
            }
        }
        Ok(())
    }

    async fn keep_a_lead(&self, project: DbId) -> Result<(), WorkspaceError> {
        if project_members::leads(self.db(), project).await? <= 1 {
            return Err(WorkspaceError::LastLead);
        }
        Ok(())
    }

    pub(crate) async fn project_activity(
        &self,
        project: &VisibleProject,
        actor: DbId,
        action: &str,
        metadata: Option<serde_json::Value>,
    ) {
        self.log(NewActivity {
            organization: project.project.organization_id,
            project: Some(project.project.id),
            actor,
            action,
            entity_type: "project",
            entity_id: Some(project.project.id),
            entity_title: Some(&project.project.name),
            metadata,
        })
        .await;
    }
}
