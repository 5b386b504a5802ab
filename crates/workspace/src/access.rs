//! Asking the domain's rules before acting: the caller's role is read from the store, the
//! verdict comes from `fluxstudio_domain::permissions`, and "hidden" becomes not found.

use fluxstudio_domain::{
    OrgRole,
    permissions::{Access, OrgAction, org_access},
};
use fluxstudio_store::{DbId, workspace::members};

use crate::{Workspace, WorkspaceError};

impl Workspace {
    /// `user`'s role in `organization`, if they belong to it.
    pub(crate) async fn org_role(
        &self,
        organization: DbId,
        user: DbId,
    ) -> Result<Option<OrgRole>, WorkspaceError> {
        let role = members::role_of(self.db(), organization, user).await?;
        role.map(|r| OrgRole::from_word(&r).map_err(WorkspaceError::internal))
            .transpose()
    }

    /// The caller's role, when the rules let them do `action`; otherwise the refusal
    /// (not found when they may not even know the organization).
    pub(crate) async fn require(
        &self,
        organization: DbId,
        user: DbId,
        action: OrgAction,
        refusal: &'static str,
    ) -> Result<OrgRole, WorkspaceError> {
        let role = self.org_role(organization, user).await?;
        match (org_access(role, action), role) {
            (Access::Allowed, Some(role)) => Ok(role),
            (Access::Hidden, _) | (_, None) => Err(WorkspaceError::NotFound("organization")),
            (Access::Forbidden, Some(_)) => Err(WorkspaceError::Forbidden(refusal)),
        }
    }
}
