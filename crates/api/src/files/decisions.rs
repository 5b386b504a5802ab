//! Review decisions on a version of a file: `/api/files/{id}/versions/{number}/review`, and
//! asking people for theirs (`…/review/requests`).

use axum::{
    Json,
    extract::{Path, State},
};
use fluxstudio_domain::ReviewDecision;
use fluxstudio_files::review::views::ReviewView;
use fluxstudio_store::DbId;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::version_number;
use crate::{ApiError, ApiJson, AppState, ErrorBody, auth::extract::Authenticated, ids::path_id};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// `approved` or `changes_requested`.
    pub decision: String,
    /// What the reviewer has to say, at most 2000 characters.
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequestBody {
    /// People on the project who may decide (its reviewers and leads), 1–20.
    pub reviewers: Vec<Uuid>,
}

fn ids(file: &str, number: &str) -> Result<(DbId, i64), ApiError> {
    Ok((path_id(file, "file")?, version_number(number)?))
}

/// Where the review of a version stands: its state, each reviewer's decision, who was asked.
#[utoipa::path(get, path = "/api/files/{id}/versions/{number}/review", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number.")),
    responses((status = 200, body = ReviewView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, number)): Path<(String, String)>,
) -> Result<Json<ReviewView>, ApiError> {
    let (file, number) = ids(&file, &number)?;
    Ok(Json(state.files().review(caller.user, file, number).await?))
}

/// Approve a version or ask for changes (the project's leads and reviewers), replacing your
/// earlier decision on it. Its uploader and the project's leads are notified; the project's
/// room hears `review:decision`.
#[utoipa::path(put, path = "/api/files/{id}/versions/{number}/review", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number.")),
    request_body = DecisionBody,
    responses((status = 200, body = ReviewView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, number)): Path<(String, String)>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<ReviewView>, ApiError> {
    let (file, number) = ids(&file, &number)?;
    let decision: ReviewDecision = body.decision.parse()?;
    let view = state
        .files()
        .decide_review(caller.user, file, number, decision, body.note.as_deref())
        .await?;
    Ok(Json(view))
}

/// Ask people for their review of a version (whoever may change the file); each newly asked
/// is notified (`review_requested`).
#[utoipa::path(post, path = "/api/files/{id}/versions/{number}/review/requests", tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("number" = i64, Path, minimum = 1, description = "The version's number.")),
    request_body = ReviewRequestBody,
    responses((status = 200, body = ReviewView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Someone named is not on the project (`invalid_reference`).", body = ErrorBody),
        (status = 422, description = "No one, or too many, named; or someone on the project who cannot decide.", body = ErrorBody)))]
pub async fn request(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((file, number)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReviewRequestBody>,
) -> Result<Json<ReviewView>, ApiError> {
    let (file, number) = ids(&file, &number)?;
    let reviewers = body.reviewers.into_iter().map(DbId).collect();
    let view = state
        .files()
        .request_review(caller.user, file, number, reviewers)
        .await?;
    Ok(Json(view))
}
