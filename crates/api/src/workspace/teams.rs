//! Teams inside an organization, and their members.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use fluxstudio_workspace::{TeamChange, TeamView};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{optional::present, views::TeamList};
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeamBody {
    pub name: String,
    pub description: Option<String>,
}

/// Create a team (owner and admins).
#[utoipa::path(post, path = "/api/organizations/{id}/teams", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = NewTeamBody,
    responses((status = 201, body = TeamView), (status = 403, body = ErrorBody),
        (status = 409, description = "name taken", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewTeamBody>,
) -> Result<(StatusCode, Json<TeamView>), ApiError> {
    let id = path_id(&id, "organization")?;
    let team = state
        .workspace()
        .create_team(caller.user, id, &body.name, body.description.as_deref())
        .await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// The organization's teams.
#[utoipa::path(get, path = "/api/organizations/{id}/teams", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TeamList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<TeamList>, ApiError> {
    let id = path_id(&id, "organization")?;
    let rows = state.workspace().teams(caller.user, id).await?;
    Ok(Json(TeamList { items: rows }))
}

/// One team with its members' ids.
#[utoipa::path(get, path = "/api/organizations/{id}/teams/{teamId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("teamId" = Uuid, Path)),
    responses((status = 200, body = TeamView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, team)): Path<(String, String)>,
) -> Result<Json<TeamView>, ApiError> {
    let id = path_id(&id, "organization")?;
    let team = path_id(&team, "team")?;
    Ok(Json(state.workspace().team(caller.user, id, team).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamChangeBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
}

/// Rename or re-describe a team (owner and admins).
#[utoipa::path(patch, path = "/api/organizations/{id}/teams/{teamId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("teamId" = Uuid, Path)),
    request_body = TeamChangeBody,
    responses((status = 200, body = TeamView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, team)): Path<(String, String)>,
    ApiJson(body): ApiJson<TeamChangeBody>,
) -> Result<Json<TeamView>, ApiError> {
    let id = path_id(&id, "organization")?;
    let team = path_id(&team, "team")?;
    let change = TeamChange {
        name: body.name.as_deref(),
        description: body.description.as_ref().map(|d| d.as_deref()),
    };
    Ok(Json(
        state
            .workspace()
            .update_team(caller.user, id, team, &change)
            .await?,
    ))
}

/// Delete a team (its projects stay, without a team).
#[utoipa::path(delete, path = "/api/organizations/{id}/teams/{teamId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("teamId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, team)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    let team = path_id(&team, "team")?;
    state.workspace().delete_team(caller.user, id, team).await?;
    Ok(Json(Done::says("Team deleted.")))
}

/// Add an organization member to the team.
#[utoipa::path(put, path = "/api/organizations/{id}/teams/{teamId}/members/{userId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("teamId" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "not a member of the organization", body = ErrorBody)))]
pub async fn add_member(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, team, user)): Path<(String, String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    let team = path_id(&team, "team")?;
    let user = path_id(&user, "member")?;
    state
        .workspace()
        .add_team_member(caller.user, id, team, user)
        .await?;
    Ok(Json(Done::says("Added to the team.")))
}

/// Remove a member from the team.
#[utoipa::path(delete, path = "/api/organizations/{id}/teams/{teamId}/members/{userId}", tag = "organizations",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("teamId" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, team, user)): Path<(String, String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "organization")?;
    let team = path_id(&team, "team")?;
    let user = path_id(&user, "member")?;
    state
        .workspace()
        .remove_team_member(caller.user, id, team, user)
        .await?;
    Ok(Json(Done::says("Removed from the team.")))
}
