//! The members of an organization: list, change a role, remove, leave, transfer ownership.

use axum::{
    Json,
    extract::{Path, Query, State},
};
use fluxstudio_domain::OrgRole;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::views::MemberList;
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT, PageQuery},
};

/// The organization's members.
#[utoipa::path(get, path = "/api/organizations/{id}/members", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = MemberList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<MemberList>, ApiError> {
    let id = path_id(&id, "organization")?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let after = pagination::cursor(query.cursor.as_deref())?;
    let mut rows = state
        .workspace()
        .members(caller.user, id, after, limit + 1)
        .await?;
    let next = pagination::trim(&mut rows, limit, |m| m.user_id);
    Ok(Json(MemberList {
        items: rows,
        next_cursor: next,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleBody {
    /// `admin`, `member` or `client` (ownership moves by transfer).
    pub role: String,
}

/// Change a member's role, as far as the caller's role allows.
#[utoipa::path(patch, path = "/api/organizations/{id}/members/{userId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("userId" = Uuid, Path)),
    request_body = RoleBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn change_role(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    let target = path_id(&user, "member")?;
    let role: OrgRole = body.role.parse()?;
    state
        .workspace()
        .change_role(caller.user, id, target, role)
        .await?;
    Ok(Json(Done::says("Role changed.")))
}

/// Remove a member (the owner cannot be removed). Removing yourself is leaving.
#[utoipa::path(delete, path = "/api/organizations/{id}/members/{userId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "owner_must_transfer: the owner is removed only by a transfer", body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, user)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    let target = path_id(&user, "member")?;
    state
        .workspace()
        .remove_member(caller.user, id, target)
        .await?;
    Ok(Json(Done::says("Member removed.")))
}

/// Leave the organization (the owner must transfer ownership first).
#[utoipa::path(post, path = "/api/organizations/{id}/leave", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 404, body = ErrorBody),
        (status = 409, description = "the owner", body = ErrorBody)))]
pub async fn leave(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    state.workspace().leave(caller.user, id).await?;
    Ok(Json(Done::says("You left the organization.")))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransferBody {
    /// The member who becomes the owner; the current owner becomes an admin.
    pub user_id: Uuid,
}

/// Hand the organization over to another member (owner only).
#[utoipa::path(post, path = "/api/organizations/{id}/transfer-ownership", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = TransferBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "not a member", body = ErrorBody)))]
pub async fn transfer(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TransferBody>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    state
        .workspace()
        .transfer_ownership(caller.user, id, fluxstudio_store::DbId(body.user_id))
        .await?;
    Ok(Json(Done::says("Ownership transferred.")))
}
