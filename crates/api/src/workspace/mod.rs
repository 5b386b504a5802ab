//! The studio's workspace over HTTP: organizations, members, invitations, teams, activity.

pub mod comments;
mod errors;
pub mod invitations;
pub mod members;
pub mod milestones;
pub mod notifications;
mod optional;
pub mod organizations;
pub mod projects;
pub mod tasks;
pub mod teams;
pub mod views;
