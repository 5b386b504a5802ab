//! Recording and reading the activity log. Recording never fails what it describes: a
//! failure is logged.

use fluxstudio_domain::{
    OrgRole,
    permissions::{Access, Actor, OrgAction, ProjectAction, org_access, project_access},
};
use fluxstudio_store::{
    DbId,
    workspace::activities::{self, ActivityScope, NewActivity},
};

use crate::{ActivityView, Workspace, WorkspaceError, service::now};

impl Workspace {
    /// Records an activity and tells its project's room (other services' activities too:
    /// files, say).
    pub async fn log(&self, activity: NewActivity<'_>) {
        match activities::insert(self.db(), &activity, now()).await {
            Ok(id) => self.publish_activity(id, &activity),
            Err(error) => {
                tracing::warn!(%error, action = activity.action, "could not record an activity")
            }
        }
    }

    /// An organization's activity, newest first; `before` is the previous page's cursor.
    /// Each reader sees what the rules let them see elsewhere: a project's entries only if
    /// they may read that project's own feed, invitations only if they may list them.
    pub async fn organization_activity(
        &self,
        user: DbId,
        organization: DbId,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<ActivityView>, WorkspaceError> {
        let role = self
            .require(organization, user, OrgAction::ViewActivity, "")
            .await?;
        let without_project_role = Actor {
            org_role: Some(role),
            project_role: None,
        };
        let sees_every_project =
            project_access(without_project_role, ProjectAction::ViewActivity) == Access::Allowed;
        let scope = ActivityScope {
            project: None,
            projects_of: (!sees_every_project).then_some(user),
            invitations: org_access(
                Some(role),
                OrgAction::Invite {
                    role: OrgRole::Member,
                },
            ) == Access::Allowed,
        };
        let rows = activities::page(self.db(), organization, scope, before, limit).await?;
        Ok(rows.into_iter().map(ActivityView::from).collect())
    }
}

impl Workspace {
    /// A project's activity, newest first.
    pub async fn project_activity_page(
        &self,
        user: DbId,
        project: DbId,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<ActivityView>, WorkspaceError> {
        let (visible, _) = self
            .project_for(
                user,
                project,
                fluxstudio_domain::permissions::ProjectAction::ViewActivity,
                "",
            )
            .await?;
        let scope = ActivityScope {
            project: Some(project),
            projects_of: None,
            invitations: false,
        };
        let rows = activities::page(
            self.db(),
            visible.project.organization_id,
            scope,
            before,
            limit,
        )
        .await?;
        Ok(rows.into_iter().map(ActivityView::from).collect())
    }
}
