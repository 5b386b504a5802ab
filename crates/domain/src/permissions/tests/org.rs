//! The organization tables of `docs/PERMISSIONS.md`, in its order. Each row's answers are
//! for, in turn: not a member, owner, admin, member, client.

use super::super::{OrgAction, org_access};
use super::{Access, F, H, Y};
use crate::OrgRole::{self, Admin, Client, Member, Owner};

/// The actors of every organization table, in column order.
pub(super) const ACTORS: [Option<OrgRole>; 5] =
    [None, Some(Owner), Some(Admin), Some(Member), Some(Client)];

/// "Organization actions": the actions that carry no role.
pub(super) const ACTIONS: &[(OrgAction, [Access; 5])] = &[
    (OrgAction::View, [H, Y, Y, Y, Y]),
    (OrgAction::Update, [H, Y, Y, F, F]),
    (OrgAction::Delete, [H, Y, F, F, F]),
    (OrgAction::ListMembers, [H, Y, Y, Y, Y]),
    (OrgAction::Leave, [H, F, Y, Y, Y]),
    (OrgAction::TransferOwnership, [H, Y, F, F, F]),
    (OrgAction::ManageTeams, [H, Y, Y, F, F]),
    (OrgAction::CreateProject, [H, Y, Y, Y, F]),
    (OrgAction::ViewActivity, [H, Y, Y, Y, Y]),
];

/// "Inviting": `Invite { role }`, by the role invited as.
pub(super) const INVITE: &[(OrgRole, [Access; 5])] = &[
    (Owner, [H, F, F, F, F]),
    (Admin, [H, Y, F, F, F]),
    (Member, [H, Y, Y, F, F]),
    (Client, [H, Y, Y, F, F]),
];

/// "Changing a role": `ChangeRole { from, to }`.
pub(super) const CHANGE_ROLE: &[((OrgRole, OrgRole), [Access; 5])] = &[
    ((Owner, Owner), [H, F, F, F, F]),
    ((Owner, Admin), [H, F, F, F, F]),
    ((Owner, Member), [H, F, F, F, F]),
    ((Owner, Client), [H, F, F, F, F]),
    ((Admin, Owner), [H, F, F, F, F]),
    ((Admin, Admin), [H, Y, F, F, F]),
    ((Admin, Member), [H, Y, F, F, F]),
    ((Admin, Client), [H, Y, F, F, F]),
    ((Member, Owner), [H, F, F, F, F]),
    ((Member, Admin), [H, Y, F, F, F]),
    ((Member, Member), [H, Y, Y, F, F]),
    ((Member, Client), [H, Y, Y, F, F]),
    ((Client, Owner), [H, F, F, F, F]),
    ((Client, Admin), [H, Y, F, F, F]),
    ((Client, Member), [H, Y, Y, F, F]),
    ((Client, Client), [H, Y, Y, F, F]),
];

/// "Removing a member": `RemoveMember { target }`, by the removed member's role.
pub(super) const REMOVE_MEMBER: &[(OrgRole, [Access; 5])] = &[
    (Owner, [H, F, F, F, F]),
    (Admin, [H, Y, F, F, F]),
    (Member, [H, Y, Y, F, F]),
    (Client, [H, Y, Y, F, F]),
];

/// Every row of every organization table as (action, answers), in the document's order.
pub(super) fn every_row() -> Vec<(OrgAction, [Access; 5])> {
    let mut rows = ACTIONS.to_vec();
    rows.extend(
        INVITE
            .iter()
            .map(|&(role, row)| (OrgAction::Invite { role }, row)),
    );
    rows.extend(
        CHANGE_ROLE
            .iter()
            .map(|&((from, to), row)| (OrgAction::ChangeRole { from, to }, row)),
    );
    rows.extend(
        REMOVE_MEMBER
            .iter()
            .map(|&(target, row)| (OrgAction::RemoveMember { target }, row)),
    );
    rows
}

/// A new action breaks this match: give it a row here and in the document.
fn is_tabled(action: OrgAction) -> bool {
    let rows = every_row();
    match action {
        OrgAction::View
        | OrgAction::Update
        | OrgAction::Delete
        | OrgAction::ListMembers
        | OrgAction::Invite { .. }
        | OrgAction::ChangeRole { .. }
        | OrgAction::RemoveMember { .. }
        | OrgAction::Leave
        | OrgAction::TransferOwnership
        | OrgAction::ManageTeams
        | OrgAction::CreateProject
        | OrgAction::ViewActivity => rows.iter().filter(|(a, _)| *a == action).count() == 1,
    }
}

#[test]
fn every_organization_action_by_every_role() {
    let mut checked = 0;
    for (action, row) in every_row() {
        for (role, expected) in ACTORS.into_iter().zip(row) {
            assert_eq!(org_access(role, action), expected, "{role:?} {action:?}");
            checked += 1;
        }
    }
    // 9 plain actions, 4 invitations, 16 role changes, 4 removals; 5 actors each.
    assert_eq!(checked, (9 + 4 + 16 + 4) * 5);
}

#[test]
fn the_tables_hold_each_action_once() {
    let roles = OrgRole::ALL.iter().copied();
    let mut every_action = ACTIONS
        .iter()
        .map(|(action, _)| *action)
        .collect::<Vec<_>>();
    every_action.extend(roles.clone().map(|role| OrgAction::Invite { role }));
    every_action.extend(roles.clone().flat_map(|from| {
        OrgRole::ALL
            .iter()
            .map(move |&to| OrgAction::ChangeRole { from, to })
    }));
    every_action.extend(roles.map(|target| OrgAction::RemoveMember { target }));
    assert_eq!(every_action.len(), 33);
    for action in every_action {
        assert!(is_tabled(action), "{action:?} has no row, or more than one");
    }
}
