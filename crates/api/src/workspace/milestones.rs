//! `/api/projects/{id}/milestones`.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::NaiveDate;
use fluxstudio_workspace::MilestoneView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::optional::present;
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
};

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneList {
    pub items: Vec<MilestoneView>,
}

/// The project's milestones, by due date.
#[utoipa::path(get, path = "/api/projects/{id}/milestones", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MilestoneList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<MilestoneList>, ApiError> {
    let id = path_id(&id, "project")?;
    let rows = state.workspace().milestones(caller.user, id).await?;
    Ok(Json(MilestoneList { items: rows }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewMilestoneBody {
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
}

/// Add a milestone (leads and editors).
#[utoipa::path(post, path = "/api/projects/{id}/milestones", tag = "projects", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = NewMilestoneBody,
    responses((status = 201, body = MilestoneView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewMilestoneBody>,
) -> Result<(StatusCode, Json<MilestoneView>), ApiError> {
    let id = path_id(&id, "project")?;
    let row = state
        .workspace()
        .create_milestone(
            caller.user,
            id,
            &body.title,
            body.description.as_deref(),
            body.due_date,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(row)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MilestoneChangeBody {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
}

/// Edit a milestone (leads and editors).
#[utoipa::path(patch, path = "/api/projects/{id}/milestones/{milestoneId}", tag = "projects",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("milestoneId" = Uuid, Path)),
    request_body = MilestoneChangeBody,
    responses((status = 200, body = MilestoneView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, milestone)): Path<(String, String)>,
    ApiJson(body): ApiJson<MilestoneChangeBody>,
) -> Result<Json<MilestoneView>, ApiError> {
    let id = path_id(&id, "project")?;
    let milestone = path_id(&milestone, "milestone")?;
    let row = state
        .workspace()
        .update_milestone(
            caller.user,
            id,
            milestone,
            body.title.as_deref(),
            body.description.as_ref().map(|d| d.as_deref()),
            body.due_date,
        )
        .await?;
    Ok(Json(row))
}

/// Delete a milestone; its tasks stay, without it.
#[utoipa::path(delete, path = "/api/projects/{id}/milestones/{milestoneId}", tag = "projects",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("milestoneId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, milestone)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "project")?;
    let milestone = path_id(&milestone, "milestone")?;
    state
        .workspace()
        .delete_milestone(caller.user, id, milestone)
        .await?;
    Ok(Json(Done::says("Milestone deleted.")))
}
