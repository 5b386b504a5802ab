//! Inviting people to an organization by email: a single-use link valid 7 days. Accepting
//! joins the organization with the invited role; it also lets a person sign up while
//! registration is closed (`Accounts::signup_invited` checks the link and signs them up).

use chrono::{DateTime, Duration, Utc};
use fluxstudio_auth::refresh;
use fluxstudio_domain::{Email, NotificationKind, OrgRole, permissions::OrgAction};
use fluxstudio_mail::templates;
use fluxstudio_store::{
    DbId,
    accounts::users,
    workspace::{
        activities::NewActivity,
        invitations::{self, InvitationRow, NewInvitation},
        organizations,
    },
};

use crate::{InvitationView, Workspace, WorkspaceError, service::now};

/// How long an invitation link stays valid.
const VALID_DAYS: i64 = 7;
const MANAGE: &str = "Only the owner and admins manage invitations.";

fluxstudio_domain::vocabulary! {
    /// Where an invitation stands.
    pub enum InvitationStatus {
        Pending = "pending",
        Accepted = "accepted",
        Revoked = "revoked",
        Expired = "expired",
    }
}

impl InvitationStatus {
    pub fn of(invitation: &InvitationRow, now: DateTime<Utc>) -> Self {
        if invitation.accepted_at.is_some() {
            Self::Accepted
        } else if invitation.revoked_at.is_some() {
            Self::Revoked
        } else if invitation.expires_at <= now {
            Self::Expired
        } else {
            Self::Pending
        }
    }
}

/// What the person holding a link may see before accepting it.
#[derive(Debug, Clone)]
pub struct InvitationPreview {
    pub organization_id: DbId,
    pub organization_name: String,
    pub email: String,
    pub role: OrgRole,
    pub inviter_name: Option<String>,
    pub status: InvitationStatus,
    pub expires_at: DateTime<Utc>,
}

impl Workspace {
    /// Invites `email` as `role` and mails the link (in the background). A pending
    /// invitation to the same address is replaced.
    pub async fn invite(
        &self,
        user: DbId,
        organization: DbId,
        email: &Email,
        role: OrgRole,
    ) -> Result<InvitationView, WorkspaceError> {
        self.require(
            organization,
            user,
            OrgAction::Invite { role },
            "Your role does not allow inviting with this role (owners invite admins; nobody invites an owner).",
        )
        .await?;
        let existing = users::by_email(self.db(), email.as_str()).await?;
        if let Some(existing) = &existing
            && self.org_role(organization, existing.id).await?.is_some()
        {
            return Err(WorkspaceError::AlreadyMember(email.as_str().to_owned()));
        }
        let issued = refresh::issue().map_err(WorkspaceError::internal)?;
        let now = now();
        let new = NewInvitation {
            organization,
            email: email.as_str(),
            role: role.as_str(),
            token_hash: &issued.hash,
            invited_by: user,
        };
        let id =
            invitations::insert(self.db(), &new, now, now + Duration::days(VALID_DAYS)).await?;
        let invitation = invitations::by_id(self.db(), organization, id)
            .await?
            .ok_or(WorkspaceError::NotFound("invitation"))?;
        self.send_invitation(&invitation, user, &issued.token)
            .await?;
        // Told in the app only when the address is proved theirs; the mail reaches the owner.
        if let Some(invitee) = existing.filter(|invitee| invitee.email_verified) {
            // Someone with an account also finds it in the app (the link stays in the mail).
            let organization = organizations::by_id(self.db(), organization).await?;
            let name = organization.as_ref().map_or("", |o| o.name.as_str());
            let data = serde_json::json!({ "organizationId": invitation.organization_id.0, "invitationId": id.0 });
            let title = format!("You are invited to join {name}");
            self.notify(
                invitee.id,
                NotificationKind::Invited,
                &title,
                role.as_str(),
                &data,
            )
            .await;
        }
        self.log(NewActivity {
            organization,
            project: None,
            actor: user,
            action: "invitation.sent",
            entity_type: "invitation",
            entity_id: Some(id),
            entity_title: Some(email.as_str()),
            metadata: Some(serde_json::json!({ "role": role.as_str() })),
        })
        .await;
        Ok(invitation.into())
    }

    async fn send_invitation(
        &self,
        invitation: &InvitationRow,
        inviter: DbId,
        token: &str,
    ) -> Result<(), WorkspaceError> {
        let organization = organizations::by_id(self.db(), invitation.organization_id)
            .await?
            .ok_or(WorkspaceError::NotFound("organization"))?;
        let inviter = users::by_id(self.db(), inviter).await?;
        let mail = templates::invitation(
            &self.inner.mail,
            &invitation.email,
            inviter.as_ref().map_or("Someone", |u| u.name.as_str()),
            &organization.name,
            invitation.role.as_str(),
            token,
        );
        self.inner.mailer.send_in_background(mail);
        Ok(())
    }

    pub async fn invitations(
        &self,
        user: DbId,
        organization: DbId,
    ) -> Result<Vec<InvitationView>, WorkspaceError> {
        self.require(
            organization,
            user,
            OrgAction::Invite {
                role: OrgRole::Member,
            },
            MANAGE,
        )
        .await?;
        let rows = invitations::of_organization(self.db(), organization).await?;
        Ok(rows.into_iter().map(InvitationView::from).collect())
    }

    /// Sends a pending invitation again with a new link and a new 7 days (the old link
    /// stops working).
    pub async fn resend_invitation(
        &self,
        user: DbId,
        organization: DbId,
        id: DbId,
    ) -> Result<InvitationView, WorkspaceError> {
        self.require(
            organization,
            user,
            OrgAction::Invite {
                role: OrgRole::Member,
            },
            MANAGE,
        )
        .await?;
        let issued = refresh::issue().map_err(WorkspaceError::internal)?;
        let expires = now() + Duration::days(VALID_DAYS);
        if !invitations::renew(self.db(), organization, id, &issued.hash, expires).await? {
            return Err(WorkspaceError::InvitationInvalid);
        }
        let invitation = invitations::by_id(self.db(), organization, id)
            .await?
            .ok_or(WorkspaceError::NotFound("invitation"))?;
        self.send_invitation(&invitation, user, &issued.token)
            .await?;
        self.invitation_activity(user, &invitation, "invitation.resent")
            .await;
        Ok(invitation.into())
    }

    async fn invitation_activity(&self, actor: DbId, invitation: &InvitationRow, action: &str) {
        self.log(NewActivity {
            organization: invitation.organization_id,
            project: None,
            actor,
            action,
            entity_type: "invitation",
            entity_id: Some(invitation.id),
            entity_title: Some(&invitation.email),
            metadata: Some(serde_json::json!({ "role": invitation.role })),
        })
        .await;
    }

    pub async fn revoke_invitation(
        &self,
        user: DbId,
        organization: DbId,
        id: DbId,
    ) -> Result<(), WorkspaceError> {
        self.require(
            organization,
            user,
            OrgAction::Invite {
                role: OrgRole::Member,
            },
            MANAGE,
        )
        .await?;
        if !invitations::revoke(self.db(), organization, id, now()).await? {
            return Err(WorkspaceError::InvitationInvalid);
        }
        if let Some(invitation) = invitations::by_id(self.db(), organization, id).await? {
            self.invitation_activity(user, &invitation, "invitation.revoked")
                .await;
        }
        Ok(())
    }

    /// What a link invites to, for the page that offers to accept it.
    pub async fn preview_invitation(
        &self,
        token: &str,
    ) -> Result<InvitationPreview, WorkspaceError> {
        let invitation = invitations::by_token(self.db(), &refresh::digest(token))
            .await?
            .ok_or(WorkspaceError::InvitationInvalid)?;
        let organization = organizations::by_id(self.db(), invitation.organization_id)
            .await?
            .ok_or(WorkspaceError::InvitationInvalid)?;
        let inviter = match invitation.invited_by {
            Some(id) => users::by_id(self.db(), id).await?.map(|u| u.name),
            None => None,
        };
        Ok(InvitationPreview {
            organization_id: organization.id,
            organization_name: organization.name,
            status: InvitationStatus::of(&invitation, now()),
            email: invitation.email,
            role: invitation.role,
            inviter_name: inviter,
            expires_at: invitation.expires_at,
        })
    }

    /// The pending invitation of a link, checked before signing someone up through it
    /// (the new account must use the invited address).
    pub async fn pending_invitation(&self, token: &str) -> Result<InvitationRow, WorkspaceError> {
        let invitation = invitations::by_token(self.db(), &refresh::digest(token))
            .await?
            .ok_or(WorkspaceError::InvitationInvalid)?;
        if InvitationStatus::of(&invitation, now()) != InvitationStatus::Pending {
            return Err(WorkspaceError::InvitationInvalid);
        }
        Ok(invitation)
    }

    /// Accepts a link for the signed-in `user` (whose address must be the invited one):
    /// they join with the invited role. Returns the organization joined.
    pub async fn accept_invitation(&self, user: DbId, token: &str) -> Result<DbId, WorkspaceError> {
        let invitation = self.pending_invitation(token).await?;
        let person = users::by_id(self.db(), user)
            .await?
            .ok_or(WorkspaceError::NotFound("user"))?;
        if !invitation.email.eq_ignore_ascii_case(&person.email) {
            return Err(WorkspaceError::InvitationForSomeoneElse(invitation.email));
        }
        let accepted = invitations::accept(self.db(), &refresh::digest(token), user, now())
            .await?
            .ok_or(WorkspaceError::InvitationInvalid)?;
        self.member_joined(user, &accepted).await;
        Ok(accepted.organization_id)
    }

    /// Records in the organization's activity that `user` joined by `accepted` (also when
    /// they signed up from it: `Accounts::signup_invited`). Never fails what it follows.
    pub async fn member_joined(&self, user: DbId, accepted: &InvitationRow) {
        self.log(NewActivity {
            organization: accepted.organization_id,
            project: None,
            actor: user,
            action: "member.joined",
            entity_type: "member",
            entity_id: Some(user),
            entity_title: Some(&accepted.email),
            metadata: Some(serde_json::json!({ "role": accepted.role })),
        })
        .await;
    }

    /// The invitations waiting for the signed-in person (sent to their address), as they
    /// would preview them from the emailed link, with their ids.
    /// Only a verified address counts: anyone can sign up with an address they do not own.
    pub async fn my_invitations(
        &self,
        user: DbId,
    ) -> Result<Vec<(DbId, InvitationPreview)>, WorkspaceError> {
        let email = self.verified_email(user).await?;
        let mut out = Vec::new();
        for invitation in invitations::pending_for(self.db(), &email, now()).await? {
            let Some(organization) =
                organizations::by_id(self.db(), invitation.organization_id).await?
            else {
                continue;
            };
            let inviter = match invitation.invited_by {
                Some(id) => users::by_id(self.db(), id).await?.map(|u| u.name),
                None => None,
            };
            out.push((
                invitation.id,
                InvitationPreview {
                    organization_id: organization.id,
                    organization_name: organization.name,
                    status: InvitationStatus::Pending,
                    email: invitation.email,
                    role: invitation.role,
                    inviter_name: inviter,
                    expires_at: invitation.expires_at,
                },
            ));
        }
        Ok(out)
    }

    /// Accepts, for the signed-in invitee, an invitation they can see in the app (an
    /// account holder is told of it there): the same checks as with the emailed link, and
    /// a verified address, since without the link nothing else proves the mailbox is theirs.
    pub async fn accept_invitation_by_id(
        &self,
        user: DbId,
        id: DbId,
    ) -> Result<DbId, WorkspaceError> {
        let email = self.verified_email(user).await?;
        // Unknown and someone else's look the same: as far as this person knows, there is none.
        let hash = invitations::token_hash(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("invitation"))?;
        let invitation = invitations::by_token(self.db(), &hash)
            .await?
            .filter(|invitation| invitation.email.eq_ignore_ascii_case(&email))
            .ok_or(WorkspaceError::NotFound("invitation"))?;
        if InvitationStatus::of(&invitation, now()) != InvitationStatus::Pending {
            return Err(WorkspaceError::InvitationInvalid);
        }
        let accepted = invitations::accept(self.db(), &hash, user, now())
            .await?
            .ok_or(WorkspaceError::InvitationInvalid)?;
        self.member_joined(user, &accepted).await;
        Ok(accepted.organization_id)
    }

    /// The person's address, when they have proved it is theirs.
    async fn verified_email(&self, user: DbId) -> Result<String, WorkspaceError> {
        let person = users::by_id(self.db(), user)
            .await?
            .ok_or(WorkspaceError::NotFound("user"))?;
        if !person.email_verified {
            return Err(WorkspaceError::EmailUnverified);
        }
        Ok(person.email)
    }
}
