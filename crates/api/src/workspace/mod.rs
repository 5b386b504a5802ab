//! The studio's workspace over HTTP: organizations, members, invitations, teams, activity.

mod errors;
pub mod invitations;
pub mod members;
pub mod organizations;
pub mod teams;
pub mod views;
