//! The rows of the studio's workspace: organizations and their members, invitations,
//! teams, and the activity log.

pub mod activities;
pub mod invitations;
pub mod members;
pub mod organizations;
pub mod teams;
