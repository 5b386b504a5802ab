//! The members of an organization: listing them, changing a role, removing one, leaving,
//! and handing over ownership.

use fluxstudio_domain::{Invalid, OrgRole, permissions::OrgAction};
use fluxstudio_store::{
    DbId,
    workspace::{activities::NewActivity, members},
};

use crate::{MemberView, Workspace, WorkspaceError};

impl Workspace {
    pub async fn members(
        &self,
        user: DbId,
        organization: DbId,
        after: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<MemberView>, WorkspaceError> {
        self.require(organization, user, OrgAction::ListMembers, "")
            .await?;
        let rows = members::page(self.db(), organization, after, limit).await?;
        Ok(rows.into_iter().map(MemberView::from).collect())
    }

    /// Changes `target`'s role, as far as the caller's own role allows.
    pub async fn change_role(
        &self,
        user: DbId,
        organization: DbId,
        target: DbId,
        to: OrgRole,
    ) -> Result<(), WorkspaceError> {
        self.require(organization, user, OrgAction::ListMembers, "")
            .await?;
        let from = self
            .org_role(organization, target)
            .await?
            .ok_or(WorkspaceError::NotAMember)?;
        self.require(
            organization,
            user,
            OrgAction::ChangeRole { from, to },
            "Your role does not allow this change; ownership moves only by transfer.",
        )
        .await?;
        members::set_role(self.db(), organization, target, to.as_str()).await?;
        self.publish_access_changed(target);
        self.member_activity(organization, user, target, "member.role_changed", Some(to))
            .await;
        Ok(())
    }

    /// Removes `target` from the organization, as far as the caller's role allows.
    pub async fn remove_member(
        &self,
        user: DbId,
        organization: DbId,
        target: DbId,
    ) -> Result<(), WorkspaceError> {
        if target == user {
            return self.leave(user, organization).await;
        }
        self.require(organization, user, OrgAction::ListMembers, "")
            .await?;
        let role = self
            .org_role(organization, target)
            .await?
            .ok_or(WorkspaceError::NotAMember)?;
        self.require(
            organization,
            user,
            OrgAction::RemoveMember { target: role },
            "Your role does not allow removing this member; the owner cannot be removed.",
        )
        .await?;
        members::remove(self.db(), organization, target).await?;
        self.publish_access_changed(target);
        self.member_activity(organization, user, target, "member.removed", None)
            .await;
        Ok(())
    }

    /// Leaves the organization. The owner must hand over ownership first.
    pub async fn leave(&self, user: DbId, organization: DbId) -> Result<(), WorkspaceError> {
        let role = self
            .require(organization, user, OrgAction::View, "")
            .await?;
        if role == OrgRole::Owner {
            return Err(WorkspaceError::OwnerMustTransfer);
        }
        self.require(organization, user, OrgAction::Leave, "")
            .await?;
        members::remove(self.db(), organization, user).await?;
        self.publish_access_changed(user);
        self.member_activity(organization, user, user, "member.left", None)
            .await;
        Ok(())
    }

    /// Makes `to` the owner; the caller (the owner) becomes an admin.
    pub async fn transfer_ownership(
        &self,
        user: DbId,
        organization: DbId,
        to: DbId,
    ) -> Result<(), WorkspaceError> {
        self.require(
            organization,
            user,
            OrgAction::TransferOwnership,
            "Only the owner can transfer ownership.",
        )
        .await?;
        let not_a_member = || {
            WorkspaceError::NoSuch(Invalid::new(
                "userId",
                "Transfer to another member of this organization.",
            ))
        };
        if to == user || self.org_role(organization, to).await?.is_none() {
            return Err(not_a_member());
        }
        if !members::transfer_ownership(self.db(), organization, user, to).await? {
            return Err(not_a_member());
        }
        self.member_activity(
            organization,
            user,
            to,
            "organization.ownership_transferred",
            Some(OrgRole::Owner),
        )
        .await;
        Ok(())
    }

    async fn member_activity(
        &self,
        organization: DbId,
        actor: DbId,
        target: DbId,
        action: &str,
        role: Option<OrgRole>,
    ) {
        self.log(NewActivity {
            organization,
            project: None,
            actor,
            action,
            entity_type: "member",
            entity_id: Some(target),
            entity_title: None,
            metadata: role.map(|r| serde_json::json!({ "role": r.as_str() })),
        })
        .await;
    }
}

impl Workspace {
    /// Adds `user` to `organization` with `role`, without an invitation: for the shell
    /// (`fluxstudio admin seed-demo`), never reachable over HTTP.
    pub async fn add_member_from_shell(
        &self,
        organization: DbId,
        user: DbId,
        role: OrgRole,
    ) -> Result<(), WorkspaceError> {
        members::add(
            self.db(),
            organization,
            user,
            role.as_str(),
            crate::service::now(),
        )
        .await?;
        Ok(())
    }
}
