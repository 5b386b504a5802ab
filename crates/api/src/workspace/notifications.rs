//! `/api/notifications`: the signed-in person's notifications.

use axum::{
    Json,
    extract::{Path, Query, State},
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::views::NotificationList;
use crate::{
    ApiError, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT},
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    /// Only the unread ones.
    #[serde(default)]
    pub unread: bool,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// Notifications, newest first, with the unread count.
#[utoipa::path(get, path = "/api/notifications", tag = "notifications", security(("bearer" = [])),
    params(NotificationQuery),
    responses((status = 200, body = NotificationList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<NotificationQuery>,
) -> Result<Json<NotificationList>, ApiError> {
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = pagination::cursor(query.cursor.as_deref())?;
    let (mut rows, unread_count) = state
        .workspace()
        .notifications(caller.user, query.unread, before, limit + 1)
        .await?;
    let next = pagination::trim(&mut rows, limit, |n| n.id);
    Ok(Json(NotificationList {
        items: rows,
        next_cursor: next,
        unread_count,
    }))
}

/// Mark one notification read.
#[utoipa::path(post, path = "/api/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "notification")?;
    state
        .workspace()
        .mark_notification_read(caller.user, id)
        .await?;
    Ok(Json(Done::says("Marked read.")))
}

/// Mark every notification read.
#[utoipa::path(post, path = "/api/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Done)))]
pub async fn read_all(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Done>, ApiError> {
    let marked = state
        .workspace()
        .mark_all_notifications_read(caller.user)
        .await?;
    Ok(Json(Done::says(&format!("Marked {marked} read."))))
}

/// Delete a notification.
#[utoipa::path(delete, path = "/api/notifications/{id}", tag = "notifications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "notification")?;
    state
        .workspace()
        .delete_notification(caller.user, id)
        .await?;
    Ok(Json(Done::says("Notification deleted.")))
}
