//! `/api/projects`: create, list with filters, read, edit, delete; members; activity.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use chrono::NaiveDate;
use fluxstudio_domain::{ProjectRole, text};
use fluxstudio_store::DbId;
use fluxstudio_workspace::{NewProjectRequest, ProjectChangeRequest, ProjectFilter, ProjectView};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    optional::present,
    views::ActivityList,
    views::{ProjectList, ProjectMemberList},
};
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT, PageQuery},
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewProjectBody {
    pub organization_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    /// Default `planning`.
    pub status: Option<String>,
    /// Default `medium`.
    pub priority: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub team_id: Option<Uuid>,
}

/// Create a project in an organization (not clients); the creator leads it.
#[utoipa::path(post, path = "/api/projects", tag = "projects", security(("bearer" = [])),
    request_body = NewProjectBody,
    responses((status = 201, body = ProjectView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "`dates_out_of_order`: the due date is before the start date (sent or stored); or `invalid_reference`: a field names something that is not there", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(body): ApiJson<NewProjectBody>,
) -> Result<(StatusCode, Json<ProjectView>), ApiError> {
    let request = NewProjectRequest {
        organization: DbId(body.organization_id),
        name: &body.name,
        description: body.description.as_deref(),
        status: body.status.as_deref(),
        priority: body.priority.as_deref(),
        start_date: body.start_date,
        due_date: body.due_date,
        team: body.team_id.map(DbId),
    };
    let project = state
        .workspace()
        .create_project(caller.user, &request)
        .await?;
    Ok((StatusCode::CREATED, Json(project)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectQuery {
    pub organization_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    /// One status.
    pub status: Option<String>,
    /// Part of the name.
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// The projects the caller may see, newest first.
#[utoipa::path(get, path = "/api/projects", tag = "projects", security(("bearer" = [])),
    params(ProjectQuery),
    responses((status = 200, body = ProjectList), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<ProjectQuery>,
) -> Result<Json<ProjectList>, ApiError> {
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let status = query
        .status
        .as_deref()
        .map(str::parse::<fluxstudio_domain::ProjectStatus>)
        .transpose()?;
    let q = query.q.as_deref().map(text::search).transpose()?;
    let text = q.map(str::trim).filter(|q| !q.is_empty());
    let filter = ProjectFilter {
        organization: query.organization_id.map(DbId),
        team: query.team_id.map(DbId),
        status: status.map(|s| s.as_str()),
        text,
        before: pagination::cursor(query.cursor.as_deref())?,
    };
    let mut rows = state
        .workspace()
        .projects(caller.user, &filter, limit + 1)
        .await?;
    let next = pagination::trim(&mut rows, limit, |p| p.id);
    Ok(Json(ProjectList {
        items: rows,
        next_cursor: next,
    }))
}

/// One project (404 for anyone who may not see it).
#[utoipa::path(get, path = "/api/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ProjectView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<ProjectView>, ApiError> {
    let id = path_id(&id, "project")?;
    Ok(Json(state.workspace().project(caller.user, id).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectChangeBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub status: Option<String>,
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub team_id: Option<Option<Uuid>>,
}

/// Edit a project (its leads, and the organization's owner and admins).
#[utoipa::path(patch, path = "/api/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ProjectChangeBody,
    responses((status = 200, body = ProjectView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "`dates_out_of_order`: the due date is before the start date (sent or stored); or `invalid_reference`: a field names something that is not there", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProjectChangeBody>,
) -> Result<Json<ProjectView>, ApiError> {
    let id = path_id(&id, "project")?;
    let change = ProjectChangeRequest {
        name: body.name.as_deref(),
        description: body.description.as_ref().map(|d| d.as_deref()),
        status: body.status.as_deref(),
        priority: body.priority.as_deref(),
        start_date: body.start_date,
        due_date: body.due_date,
        team: body.team_id.map(|t| t.map(DbId)),
    };
    let project = state
        .workspace()
        .update_project(caller.user, id, &change)
        .await?;
    Ok(Json(project))
}

/// Delete a project and everything in it.
#[utoipa::path(delete, path = "/api/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "project")?;
    state.workspace().delete_project(caller.user, id).await?;
    Ok(Json(Done::says("Project deleted.")))
}

/// Who works on the project.
#[utoipa::path(get, path = "/api/projects/{id}/members", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ProjectMemberList), (status = 404, body = ErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<ProjectMemberList>, ApiError> {
    let id = path_id(&id, "project")?;
    let rows = state.workspace().project_members(caller.user, id).await?;
    Ok(Json(ProjectMemberList { items: rows }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectRoleBody {
    /// `lead`, `editor`, `reviewer` or `viewer`.
    pub role: String,
}

/// Put an organization member on the project, or change their role (leads).
#[utoipa::path(put, path = "/api/projects/{id}/members/{userId}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("userId" = Uuid, Path)), request_body = ProjectRoleBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the last lead", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_member(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<ProjectRoleBody>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "project")?;
    let member = path_id(&user, "member")?;
    let role: ProjectRole = body.role.parse()?;
    state
        .workspace()
        .set_project_member(caller.user, id, member, role)
        .await?;
    Ok(Json(Done::says("Project member set.")))
}

/// Take someone off the project (a project keeps at least one lead).
#[utoipa::path(delete, path = "/api/projects/{id}/members/{userId}", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the last lead", body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, user)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "project")?;
    let member = path_id(&user, "member")?;
    state
        .workspace()
        .remove_project_member(caller.user, id, member)
        .await?;
    Ok(Json(Done::says("Removed from the project.")))
}

/// What happened in the project, newest first.
#[utoipa::path(get, path = "/api/projects/{id}/activities", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = ActivityList), (status = 404, body = ErrorBody)))]
pub async fn activities(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ActivityList>, ApiError> {
    let id = path_id(&id, "project")?;
    let (limit, before) = query.read()?;
    let rows = state
        .workspace()
        .project_activity_page(caller.user, id, before, limit + 1)
        .await?;
    Ok(Json(ActivityList::page(rows, limit)))
}
