//! What a member may do to their organization and its membership.
//!
//! Only the owner and admins manage membership, each only below their own rank: the owner
//! invites, re-roles and removes admins, members and clients; an admin members and clients.
//! The owner is single and stays until they transfer ownership: no invitation, role change
//! or removal makes, demotes or removes an owner, and the owner cannot leave, so an
//! organization always has exactly one.

use super::Access;
use crate::OrgRole::{self, Admin, Client, Member, Owner};

/// Something done to an organization. The membership actions carry the roles involved,
/// because whether they are allowed depends on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgAction {
    /// See the organization (its name, slug, settings).
    View,
    /// Rename it, change its settings.
    Update,
    /// Delete it and everything in it.
    Delete,
    /// See who is in it and with which role.
    ListMembers,
    /// Invite someone to join with `role`.
    Invite { role: OrgRole },
    /// Change another member's role from `from` to `to`. Both must be within the actor's
    /// reach, so `from == to` (a no-op) is allowed exactly when a real change would be.
    ChangeRole { from: OrgRole, to: OrgRole },
    /// Remove another member, whose role is `target`.
    RemoveMember { target: OrgRole },
    /// Leave the organization oneself.
    Leave,
    /// Hand ownership to another member.
    TransferOwnership,
    /// Create, rename and delete teams and set who is in them.
    ManageTeams,
    /// Start a project in the organization.
    CreateProject,
    /// Read the organization's activity feed.
    ViewActivity,
}

/// Whether someone whose role in the organization is `role` (`None`: not a member) may do
/// `action` to it.
pub fn org_access(role: Option<OrgRole>, action: OrgAction) -> Access {
    let Some(role) = role else {
        return Access::Hidden;
    };
    let allowed = match action {
        OrgAction::View | OrgAction::ListMembers | OrgAction::ViewActivity => true,
        OrgAction::Update | OrgAction::ManageTeams => matches!(role, Owner | Admin),
        OrgAction::Delete | OrgAction::TransferOwnership => role == Owner,
        OrgAction::CreateProject => matches!(role, Owner | Admin | Member),
        OrgAction::Leave => role != Owner,
        OrgAction::Invite { role: invited } => manages(role, invited),
        OrgAction::ChangeRole { from, to } => manages(role, from) && manages(role, to),
        OrgAction::RemoveMember { target } => manages(role, target),
    };
    if allowed {
        Access::Allowed
    } else {
        Access::Forbidden
    }
}

/// Whether `actor` may place someone at, or act on someone at, `other`'s rung: the owner on
/// admins, members and clients; an admin on members and clients; nobody on the owner.
fn manages(actor: OrgRole, other: OrgRole) -> bool {
    match actor {
        Owner => matches!(other, Admin | Member | Client),
        Admin => matches!(other, Member | Client),
        Member | Client => false,
    }
}
