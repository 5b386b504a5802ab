//! What an actor may do on one project of an organization.
//!
//! The organization comes first: a stranger to it is hidden from all its projects, even
//! with a left-over project role. Its owner and admins run the whole workspace, so they act
//! as lead on every project. The studio's own members see every project, and do more only
//! where they have a role. Clients are hidden from the projects they are not on: a studio
//! works for several clients in one organization, and one client must not learn of another's
//! projects, not even that they exist.

use super::{Access, Actor};
use crate::OrgRole;
use crate::ProjectRole::{self, Editor, Lead, Reviewer, Viewer};

/// Something done on a project or to what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectAction {
    /// See the project, its tasks, milestones and comments.
    View,
    /// Rename it, change its description, status, dates or priority.
    Update,
    /// Delete it and everything in it.
    Delete,
    /// Add people to it, change their project roles, remove them.
    ManageMembers,
    CreateTask,
    EditTask,
    /// Change a task's status or its place on the board.
    MoveTask,
    DeleteTask,
    /// Comment on the project or its tasks.
    Comment,
    /// Create, change and delete milestones.
    ManageMilestones,
    /// Read the project's activity feed.
    ViewActivity,
    /// Create, write in, rename and delete its documents, save and restore their versions.
    EditDocuments,
    /// Upload files, and rename, delete and add versions to any of its files.
    ManageFiles,
    /// Approve a file's version or ask for changes to it (design review).
    DecideReview,
}

/// Whether `actor` may do `action` on a project of the organization their `org_role` is in.
pub fn project_access(actor: Actor, action: ProjectAction) -> Access {
    match (actor.org_role, effective_project_role(actor)) {
        (None, _) => Access::Hidden,
        (Some(_), Some(role)) => granted(role, action),
        (Some(OrgRole::Client), None) => Access::Hidden,
        (Some(_), None) => match action {
            ProjectAction::View | ProjectAction::ViewActivity => Access::Allowed,
            _ => Access::Forbidden,
        },
    }
}

/// The project role `actor` acts with: lead for the organization's owner and admins, their
/// own project role for anyone else in the organization, none for a stranger to it. For the
/// API to say how someone takes part in a project, with the same rule as [`project_access`].
pub fn effective_project_role(actor: Actor) -> Option<ProjectRole> {
    match actor.org_role? {
        OrgRole::Owner | OrgRole::Admin => Some(Lead),
        OrgRole::Member | OrgRole::Client => actor.project_role,
    }
}

/// What each project role grants; anything else is forbidden.
fn granted(role: ProjectRole, action: ProjectAction) -> Access {
    use ProjectAction::{
        Comment, CreateTask, DecideReview, DeleteTask, EditDocuments, EditTask, ManageFiles,
        ManageMilestones, MoveTask, View, ViewActivity,
    };
    // Lists of what is granted, not of what is refused, so a new action is forbidden to
    // everyone below lead until someone decides otherwise.
    let allowed = match role {
        Lead => true,
        Editor => matches!(
            action,
            View | ViewActivity
                | CreateTask
                | EditTask
                | MoveTask
                | DeleteTask
                | Comment
                | ManageMilestones
                | EditDocuments
                | ManageFiles
        ),
        Reviewer => matches!(action, View | ViewActivity | Comment | DecideReview),
        Viewer => matches!(action, View | ViewActivity),
    };
    if allowed {
        Access::Allowed
    } else {
        Access::Forbidden
    }
}
