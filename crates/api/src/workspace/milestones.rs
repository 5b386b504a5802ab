//! `/api/projects/{id}/milestones`.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::{DateTime, NaiveDate, Utc};
use fluxstudio_workspace::MilestoneRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::optional::present;
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneView {
    pub id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub task_count: i64,
    pub done_count: i64,
    /// Percentage of its tasks that are done (0 when it has none).
    pub progress: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<MilestoneRow> for MilestoneView {
    fn from(row: MilestoneRow) -> Self {
        let progress = if row.task_count == 0 {
            0
        } else {
            row.done_count * 100 / row.task_count
        };
        Self {
            id: row.id.0,
            project_id: row.project_id.0,
            title: row.title,
            description: row.description,
            due_date: row.due_date,
            task_count: row.task_count,
            done_count: row.done_count,
            progress,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

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
    Ok(Json(MilestoneList {
        items: rows.into_iter().map(MilestoneView::from).collect(),
    }))
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
    Ok((StatusCode::CREATED, Json(row.into())))
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
    Ok(Json(row.into()))
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
