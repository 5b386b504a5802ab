//! What the workspace service returns: views made of domain values (roles, statuses,
//! priorities and kinds as vocabularies, never strings), each with what its reader may do
//! where that matters (`can`). The API sends them as they are, as messaging's and the
//! documents' services' views are sent; the store's rows stay inside the service.

mod can;
mod organizations;
mod projects;

pub use can::{OrganizationCan, ProjectCan};
pub use organizations::{ActivityView, InvitationView, MemberView, OrganizationView, TeamView};
pub use projects::{
    CommentView, MilestoneView, NotificationView, ProjectMemberView, ProjectView, TaskView,
};
