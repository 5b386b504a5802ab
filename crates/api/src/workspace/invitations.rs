//! Invitations: sent, listed, resent and revoked by an organization's owner and admins;
//! previewed and accepted by whoever holds the link.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::{DateTime, Utc};
use fluxstudio_domain::{Email, OrgRole};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::views::InvitationList;
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
};
use fluxstudio_workspace::InvitationView;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteBody {
    pub email: String,
    /// `admin` (owners only), `member` or `client`.
    pub role: String,
}

/// Invite someone by email; they receive a link valid 7 days.
#[utoipa::path(post, path = "/api/organizations/{id}/invitations", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = InviteBody,
    responses((status = 201, body = InvitationView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "already a member", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<InviteBody>,
) -> Result<(StatusCode, Json<InvitationView>), ApiError> {
    let id = path_id(&id, "organization")?;
    let email = Email::parse(&body.email)?;
    let role: OrgRole = body.role.parse()?;
    let invitation = state
        .workspace()
        .invite(caller.user, id, &email, role)
        .await?;
    Ok((StatusCode::CREATED, Json(invitation)))
}

/// The organization's invitations, newest first.
#[utoipa::path(get, path = "/api/organizations/{id}/invitations", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = InvitationList), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<InvitationList>, ApiError> {
    let id = path_id(&id, "organization")?;
    let rows = state.workspace().invitations(caller.user, id).await?;
    Ok(Json(InvitationList { items: rows }))
}

/// Send a pending invitation again, with a new link (the old one stops working).
#[utoipa::path(post, path = "/api/organizations/{id}/invitations/{invitationId}/resend", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("invitationId" = Uuid, Path)),
    responses((status = 200, body = InvitationView), (status = 404, description = "no pending invitation with this id", body = ErrorBody)))]
pub async fn resend(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<Json<InvitationView>, ApiError> {
    let id = path_id(&id, "organization")?;
    let invitation = path_id(&invitation, "invitation")?;
    let row = state
        .workspace()
        .resend_invitation(caller.user, id, invitation)
        .await?;
    Ok(Json(row))
}

/// Revoke a pending invitation.
#[utoipa::path(delete, path = "/api/organizations/{id}/invitations/{invitationId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("invitationId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 404, description = "no pending invitation with this id", body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    let invitation = path_id(&invitation, "invitation")?;
    state
        .workspace()
        .revoke_invitation(caller.user, id, invitation)
        .await?;
    Ok(Json(Done::says("Invitation revoked.")))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitationPreviewView {
    pub organization_id: Uuid,
    pub organization_name: String,
    pub email: String,
    #[schema(value_type = String)]
    pub role: OrgRole,
    pub inviter_name: Option<String>,
    /// `pending`, `accepted`, `revoked` or `expired`.
    pub status: String,
    pub expires_at: DateTime<Utc>,
}

/// What a link invites to (no sign-in needed: the link itself is the secret).
#[utoipa::path(get, path = "/api/invitations/{token}", tag = "organizations",
    params(("token" = String, Path)),
    responses((status = 200, body = InvitationPreviewView), (status = 404, description = "unknown, expired, revoked or used (one answer for all)", body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<InvitationPreviewView>, ApiError> {
    let preview = state.workspace().preview_invitation(&token).await?;
    Ok(Json(InvitationPreviewView {
        organization_id: preview.organization_id.0,
        organization_name: preview.organization_name,
        email: preview.email,
        role: preview.role,
        inviter_name: preview.inviter_name,
        status: preview.status.as_str().to_owned(),
        expires_at: preview.expires_at,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub organization_id: Uuid,
}

/// Accept a link as the signed-in user (who must use the invited address).
#[utoipa::path(post, path = "/api/invitations/{token}/accept", tag = "organizations",
    security(("bearer" = [])), params(("token" = String, Path)),
    responses((status = 200, body = Joined), (status = 403, description = "sent to another address", body = ErrorBody),
        (status = 404, description = "unknown, expired, revoked or used (one answer for all)", body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(token): Path<String>,
) -> Result<Json<Joined>, ApiError> {
    let organization = state
        .workspace()
        .accept_invitation(caller.user, &token)
        .await?;
    Ok(Json(Joined {
        organization_id: organization.0,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyInvitation {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub organization_name: String,
    #[schema(value_type = String)]
    pub role: OrgRole,
    pub inviter_name: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyInvitations {
    pub items: Vec<MyInvitation>,
}

/// The invitations waiting for the signed-in person (sent to their address, once verified).
#[utoipa::path(get, path = "/api/invitations/mine", tag = "organizations", security(("bearer" = [])),
    responses((status = 200, body = MyInvitations), (status = 401, body = ErrorBody),
        (status = 403, description = "email_unverified: the address is not verified yet", body = ErrorBody)))]
pub async fn mine(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<MyInvitations>, ApiError> {
    let rows = state.workspace().my_invitations(caller.user).await?;
    Ok(Json(MyInvitations {
        items: rows
            .into_iter()
            .map(|(id, p)| MyInvitation {
                id: id.0,
                organization_id: p.organization_id.0,
                organization_name: p.organization_name,
                role: p.role,
                inviter_name: p.inviter_name,
                expires_at: p.expires_at,
            })
            .collect(),
    }))
}

/// Accept one of your invitations from the app (as with the emailed link).
#[utoipa::path(post, path = "/api/invitations/mine/{invitationId}/accept", tag = "organizations",
    security(("bearer" = [])), params(("invitationId" = Uuid, Path)),
    responses((status = 200, body = Joined), (status = 401, body = ErrorBody),
        (status = 403, description = "email_unverified: the address is not verified yet", body = ErrorBody),
        (status = 404, description = "unknown, or sent to someone else", body = ErrorBody),
        (status = 404, description = "unknown, expired, revoked or used (one answer for all)", body = ErrorBody)))]
pub async fn accept_mine(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Joined>, ApiError> {
    let id = path_id(&id, "invitation")?;
    let organization = state
        .workspace()
        .accept_invitation_by_id(caller.user, id)
        .await?;
    Ok(Json(Joined {
        organization_id: organization.0,
    }))
}
