//! What the caller may do on a project or an organization, as the permission rules answer,
//! so a client offers only what would be allowed without keeping its own copy of the rules.
//! The server stays the judge of every request.

use fluxstudio_domain::{
    Access, Actor, OrgAction, OrgRole, ProjectAction, org_access, project_access,
};
use serde::Serialize;
use utoipa::ToSchema;

/// The caller's rights on one project.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProjectCan {
    /// Rename it, change its description, status, dates or priority.
    pub update: bool,
    /// Delete it and everything in it.
    pub delete: bool,
    /// Add people to it, change their project roles, take them off.
    pub manage_members: bool,
    pub create_task: bool,
    pub edit_task: bool,
    /// Change a task's column or its place in it.
    pub move_task: bool,
    pub delete_task: bool,
    /// Comment on the project's tasks.
    pub comment: bool,
    /// Create, change and delete milestones.
    pub manage_milestones: bool,
    pub view_activity: bool,
    /// Create, type in, rename and delete its documents; save and restore their versions.
    pub edit_documents: bool,
    /// Upload files; rename, delete and add versions to any of its files.
    pub manage_files: bool,
    /// Approve a file's version or ask for changes to it.
    pub decide_review: bool,
}

impl ProjectCan {
    pub fn of(actor: Actor) -> Self {
        let may = |action| project_access(actor, action) == Access::Allowed;
        Self {
            update: may(ProjectAction::Update),
            delete: may(ProjectAction::Delete),
            manage_members: may(ProjectAction::ManageMembers),
            create_task: may(ProjectAction::CreateTask),
            edit_task: may(ProjectAction::EditTask),
            move_task: may(ProjectAction::MoveTask),
            delete_task: may(ProjectAction::DeleteTask),
            comment: may(ProjectAction::Comment),
            manage_milestones: may(ProjectAction::ManageMilestones),
            view_activity: may(ProjectAction::ViewActivity),
            edit_documents: may(ProjectAction::EditDocuments),
            manage_files: may(ProjectAction::ManageFiles),
            decide_review: may(ProjectAction::DecideReview),
        }
    }
}

/// The caller's rights in one organization.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationCan {
    /// Rename it, change its slug or description.
    pub update: bool,
    /// Delete it and everything in it.
    pub delete: bool,
    pub transfer_ownership: bool,
    pub leave: bool,
    /// Create, rename and delete teams and set who is in them.
    pub manage_teams: bool,
    pub create_project: bool,
    pub view_activity: bool,
    /// The roles the caller may invite someone as (empty: no invitations, nor their list).
    pub invite_roles: Vec<String>,
    /// The roles whose holders the caller may re-role or remove, and which they may give.
    pub manage_roles: Vec<String>,
}

impl OrganizationCan {
    pub fn of(role: Option<OrgRole>) -> Self {
        let may = |action| org_access(role, action) == Access::Allowed;
        let roles = |allowed: &dyn Fn(OrgRole) -> bool| {
            OrgRole::ALL
                .iter()
                .filter(|r| allowed(**r))
                .map(|r| r.as_str().to_owned())
                .collect()
        };
        Self {
            update: may(OrgAction::Update),
            delete: may(OrgAction::Delete),
            transfer_ownership: may(OrgAction::TransferOwnership),
            leave: may(OrgAction::Leave),
            manage_teams: may(OrgAction::ManageTeams),
            create_project: may(OrgAction::CreateProject),
            view_activity: may(OrgAction::ViewActivity),
            invite_roles: roles(&|r| may(OrgAction::Invite { role: r })),
            manage_roles: roles(&|r| may(OrgAction::ChangeRole { from: r, to: r })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluxstudio_domain::ProjectRole;

    #[test]
    fn an_admin_manages_members_and_clients_but_not_the_owner_or_admins() {
        let can = OrganizationCan::of(Some(OrgRole::Admin));
        assert_eq!(can.invite_roles, ["member", "client"]);
        assert_eq!(can.manage_roles, ["member", "client"]);
        assert!(can.update && can.manage_teams && !can.delete && !can.transfer_ownership);
    }

    #[test]
    fn a_client_only_looks_and_leaves() {
        let can = OrganizationCan::of(Some(OrgRole::Client));
        assert!(can.invite_roles.is_empty() && can.manage_roles.is_empty());
        assert!(can.leave && !can.create_project && !can.update);
    }

    #[test]
    fn a_reviewer_comments_and_does_not_work_on_tasks() {
        let can = ProjectCan::of(Actor {
            org_role: Some(OrgRole::Member),
            project_role: Some(ProjectRole::Reviewer),
        });
        assert!(can.comment && can.view_activity);
        assert!(!can.create_task && !can.move_task && !can.edit_documents && !can.update);
    }

    #[test]
    fn an_admin_leads_every_project() {
        let can = ProjectCan::of(Actor {
            org_role: Some(OrgRole::Admin),
            project_role: None,
        });
        assert!(can.update && can.delete && can.manage_members && can.edit_documents);
    }
}
