//! Recording and reading the activity log. Recording never fails what it describes: a
//! failure is logged.

use fluxstudio_domain::permissions::OrgAction;
use fluxstudio_store::{
    DbId,
    workspace::activities::{self, ActivityRow, NewActivity},
};

use crate::{Workspace, WorkspaceError, service::now};

impl Workspace {
    pub(crate) async fn log(&self, activity: NewActivity<'_>) {
        match activities::insert(self.db(), &activity, now()).await {
            Ok(id) => self.publish_activity(id, &activity),
            Err(error) => {
                tracing::warn!(%error, action = activity.action, "could not record an activity")
            }
        }
    }

    /// An organization's activity, newest first; `before` is the previous page's cursor.
    pub async fn organization_activity(
        &self,
        user: DbId,
        organization: DbId,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<ActivityRow>, WorkspaceError> {
        self.require(organization, user, OrgAction::ViewActivity, "")
            .await?;
        Ok(activities::page(self.db(), organization, None, before, limit).await?)
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
    ) -> Result<Vec<ActivityRow>, WorkspaceError> {
        let (visible, _) = self
            .project_for(
                user,
                project,
                fluxstudio_domain::permissions::ProjectAction::ViewActivity,
                "",
            )
            .await?;
        Ok(activities::page(
            self.db(),
            visible.project.organization_id,
            Some(project),
            before,
            limit,
        )
        .await?)
    }
}
