//! The project tables of `docs/PERMISSIONS.md`, in its order: who acts as what, then what
//! each can do.

use super::super::{Actor, ProjectAction, effective_project_role, project_access};
use super::{Access, F, H, Y};
use crate::OrgRole::{Admin, Client, Member, Owner};
use crate::{OrgRole, ProjectRole};

/// The columns of "Project actions": how someone takes part in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    Lead,
    Editor,
    Reviewer,
    Viewer,
    MemberWithoutRole,
    ClientWithoutRole,
    NotInOrganization,
}
use Standing::*;

/// The column headings, in order, as the document writes them (also the cells of "Who acts
/// as what").
pub(super) const STANDINGS: [(Standing, &str); 7] = [
    (Lead, "lead"),
    (Editor, "editor"),
    (Reviewer, "reviewer"),
    (Viewer, "viewer"),
    (MemberWithoutRole, "member without role"),
    (ClientWithoutRole, "client without role"),
    (NotInOrganization, "not in organization"),
];

/// The project roles of the columns of "Who acts as what".
pub(super) const PROJECT_ROLES: [Option<ProjectRole>; 5] = [
    None,
    Some(ProjectRole::Lead),
    Some(ProjectRole::Editor),
    Some(ProjectRole::Reviewer),
    Some(ProjectRole::Viewer),
];

/// "Who acts as what": organization role × project role (none, lead, editor, reviewer,
/// viewer).
#[rustfmt::skip]
pub(super) const WHO_ACTS_AS_WHAT: &[(Option<OrgRole>, [Standing; 5])] = &[
    (None, [NotInOrganization; 5]),
    (Some(Owner), [Lead; 5]),
    (Some(Admin), [Lead; 5]),
    (Some(Member), [MemberWithoutRole, Lead, Editor, Reviewer, Viewer]),
    (Some(Client), [ClientWithoutRole, Lead, Editor, Reviewer, Viewer]),
];

/// "Project actions", answers in the order of [`STANDINGS`].
pub(super) const ACTIONS: &[(ProjectAction, [Access; 7])] = &[
    (ProjectAction::View, [Y, Y, Y, Y, Y, H, H]),
    (ProjectAction::Update, [Y, F, F, F, F, H, H]),
    (ProjectAction::Delete, [Y, F, F, F, F, H, H]),
    (ProjectAction::ManageMembers, [Y, F, F, F, F, H, H]),
    (ProjectAction::CreateTask, [Y, Y, F, F, F, H, H]),
    (ProjectAction::EditTask, [Y, Y, F, F, F, H, H]),
    (ProjectAction::MoveTask, [Y, Y, F, F, F, H, H]),
    (ProjectAction::DeleteTask, [Y, Y, F, F, F, H, H]),
    (ProjectAction::Comment, [Y, Y, Y, F, F, H, H]),
    (ProjectAction::ManageMilestones, [Y, Y, F, F, F, H, H]),
    (ProjectAction::ViewActivity, [Y, Y, Y, Y, Y, H, H]),
    (ProjectAction::EditDocuments, [Y, Y, F, F, F, H, H]),
    (ProjectAction::ManageFiles, [Y, Y, F, F, F, H, H]),
    (ProjectAction::DecideReview, [Y, F, Y, F, F, H, H]),
];

/// Every actor there can be, with the column the document puts them in.
fn every_actor() -> Vec<(Actor, Standing)> {
    WHO_ACTS_AS_WHAT
        .iter()
        .flat_map(|&(org_role, standings)| {
            PROJECT_ROLES
                .into_iter()
                .zip(standings)
                .map(move |(project_role, standing)| {
                    let actor = Actor {
                        org_role,
                        project_role,
                    };
                    (actor, standing)
                })
        })
        .collect()
}

fn column(standing: Standing) -> usize {
    STANDINGS.iter().position(|(s, _)| *s == standing).unwrap()
}

#[test]
fn every_project_action_by_every_actor() {
    let actors = every_actor();
    assert_eq!(actors.len(), 25);
    let mut checked = 0;
    for (actor, standing) in actors {
        for (action, row) in ACTIONS {
            let expected = row[column(standing)];
            assert_eq!(
                project_access(actor, *action),
                expected,
                "{actor:?} ({standing:?}) {action:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 25 * 14);
}

#[test]
fn the_effective_role_is_the_column_of_the_roles() {
    for (actor, standing) in every_actor() {
        let expected = match standing {
            Lead => Some(ProjectRole::Lead),
            Editor => Some(ProjectRole::Editor),
            Reviewer => Some(ProjectRole::Reviewer),
            Viewer => Some(ProjectRole::Viewer),
            MemberWithoutRole | ClientWithoutRole | NotInOrganization => None,
        };
        assert_eq!(effective_project_role(actor), expected, "{actor:?}");
    }
}

/// A new action breaks this match: give it a row here and in the document.
#[test]
fn the_table_holds_each_action_once() {
    for (action, _) in ACTIONS {
        let rows = ACTIONS.iter().filter(|(a, _)| a == action).count();
        assert_eq!(rows, 1, "{action:?}");
        match action {
            ProjectAction::View
            | ProjectAction::Update
            | ProjectAction::Delete
            | ProjectAction::ManageMembers
            | ProjectAction::CreateTask
            | ProjectAction::EditTask
            | ProjectAction::MoveTask
            | ProjectAction::DeleteTask
            | ProjectAction::Comment
            | ProjectAction::ManageMilestones
            | ProjectAction::ViewActivity
            | ProjectAction::EditDocuments
            | ProjectAction::ManageFiles
            | ProjectAction::DecideReview => {}
        }
    }
    assert_eq!(ACTIONS.len(), 14);
}
