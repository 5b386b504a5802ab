//! The lists of the workspace endpoints. Each item is a view the workspace service returns
//! (`fluxstudio_workspace::*View`); a page adds the cursor of the next one.

use fluxstudio_workspace::{
    ActivityView, InvitationView, MemberView, NotificationView, OrganizationView,
    ProjectMemberView, ProjectView, TaskView, TeamView,
};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationList {
    pub organizations: Vec<OrganizationView>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberList {
    pub items: Vec<MemberView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationList {
    pub items: Vec<InvitationView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamList {
    pub items: Vec<TeamView>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivityList {
    pub items: Vec<ActivityView>,
    pub next_cursor: Option<String>,
}

impl ActivityList {
    /// A page from items fetched with one extra (which says whether there is a next page).
    pub fn page(mut items: Vec<ActivityView>, limit: i64) -> Self {
        let next_cursor = crate::pagination::trim(&mut items, limit, |a| a.id);
        Self { items, next_cursor }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProjectList {
    pub items: Vec<ProjectView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectMemberList {
    pub items: Vec<ProjectMemberView>,
}

/// The board: every task, column by column in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskList {
    pub tasks: Vec<TaskView>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    pub unread_count: i64,
}
