//! The studio's workspace (issue 4), on both backends: organizations, members,
//! invitations, teams, activity.

mod comments;
mod demo;
mod invitations;
mod matrix;
mod members;
mod organizations;
pub(crate) mod projects;
pub(crate) mod studio;
pub(crate) mod tasks;
mod teams;
