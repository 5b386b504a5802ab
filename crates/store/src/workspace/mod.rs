//! The rows of the studio's workspace: organizations and their members, invitations,
//! teams, and the activity log.

pub mod activities;
pub mod comments;
pub mod invitations;
pub mod members;
pub mod milestones;
pub mod notifications;
pub mod organizations;
pub mod project_members;
pub mod projects;
pub mod tasks;
pub mod teams;
