//! FluxStudio's workspace services, independent of HTTP: organizations, their members and
//! invitations, teams, and the activity log. Every operation asks the domain's permission
//! rules first (`fluxstudio_domain::permissions`); a resource the caller may not know of
//! is reported as not found.
#![forbid(unsafe_code)]

mod access;
mod activity;
mod comments;
mod error;
mod invitations;
mod live;
mod members;
mod milestones;
mod notifications;
mod organizations;
mod projects;
mod service;
mod tasks;
mod teams;
mod views;

pub use comments::comment_text;
pub use error::WorkspaceError;
pub use invitations::{InvitationPreview, InvitationStatus};
pub use organizations::{NewOrganizationRequest, OrganizationChange};
pub use projects::{NewProjectRequest, ProjectChangeRequest, effective_role, viewer};
pub use service::Workspace;
pub use tasks::{NewTaskRequest, TaskChangeRequest};
pub use teams::TeamChange;
pub use views::*;

pub use fluxstudio_store::workspace::{
    activities::ActivityRow,
    comments::CommentRow,
    invitations::InvitationRow,
    members::MemberRow,
    milestones::MilestoneRow,
    notifications::NotificationRow,
    organizations::{MembershipRow, OrganizationRow},
    project_members::ProjectMemberRow,
    projects::{ProjectFilter, ProjectRow, VisibleProject},
    tasks::TaskRow,
    teams::TeamRow,
};
