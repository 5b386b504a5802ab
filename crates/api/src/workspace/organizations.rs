//! `/api/organizations` and `/api/organizations/{id}`, and the organization's activity.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_workspace::{NewOrganizationRequest, OrganizationChange, OrganizationView};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    optional::present,
    views::{ActivityList, OrganizationList},
};
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
    pagination::PageQuery,
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganizationBody {
    #[schema(example = "Atelier Lumière")]
    pub name: String,
    /// Optional: lower-case letters, digits and single dashes, at most 60 characters.
    /// Generated from the name when absent.
    pub slug: Option<String>,
    pub description: Option<String>,
}

/// Create an organization; the caller becomes its owner.
#[utoipa::path(post, path = "/api/organizations", tag = "organizations", security(("bearer" = [])),
    request_body = NewOrganizationBody,
    responses((status = 201, body = OrganizationView), (status = 409, description = "slug taken", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(body): ApiJson<NewOrganizationBody>,
) -> Result<(StatusCode, Json<OrganizationView>), ApiError> {
    let request = NewOrganizationRequest {
        name: &body.name,
        slug: body.slug.as_deref(),
        description: body.description.as_deref(),
    };
    let created = state
        .workspace()
        .create_organization(caller.user, &request)
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The organizations the caller belongs to, with their role in each.
#[utoipa::path(get, path = "/api/organizations", tag = "organizations", security(("bearer" = [])),
    responses((status = 200, body = OrganizationList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<OrganizationList>, ApiError> {
    let rows = state.workspace().organizations(caller.user).await?;
    Ok(Json(OrganizationList {
        organizations: rows,
    }))
}

/// One organization (404 for anyone not in it).
#[utoipa::path(get, path = "/api/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OrganizationView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<OrganizationView>, ApiError> {
    let id = path_id(&id, "organization")?;
    Ok(Json(state.workspace().organization(caller.user, id).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationChangeBody {
    pub name: Option<String>,
    pub slug: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
}

/// Edit name, slug or description (owner and admins).
#[utoipa::path(patch, path = "/api/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = OrganizationChangeBody,
    responses((status = 200, body = OrganizationView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OrganizationChangeBody>,
) -> Result<Json<OrganizationView>, ApiError> {
    let id = path_id(&id, "organization")?;
    let change = OrganizationChange {
        name: body.name.as_deref(),
        slug: body.slug.as_deref(),
        description: body.description.as_ref().map(|d| d.as_deref()),
    };
    Ok(Json(
        state
            .workspace()
            .update_organization(caller.user, id, &change)
            .await?,
    ))
}

/// Delete the organization and everything in it (owner only).
#[utoipa::path(delete, path = "/api/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    state
        .workspace()
        .delete_organization(caller.user, id)
        .await?;
    Ok(Json(Done::says("Organization deleted.")))
}

/// What happened in the organization, newest first.
#[utoipa::path(get, path = "/api/organizations/{id}/activities", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = ActivityList), (status = 404, body = ErrorBody)))]
pub async fn activities(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ActivityList>, ApiError> {
    let id = path_id(&id, "organization")?;
    let (limit, before) = query.read()?;
    let rows = state
        .workspace()
        .organization_activity(caller.user, id, before, limit + 1)
        .await?;
    Ok(Json(ActivityList::page(rows, limit)))
}
