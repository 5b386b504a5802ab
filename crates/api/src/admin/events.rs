//! `GET /api/admin/security-events`: the security log with filters.

use axum::{
    Json,
    extract::{Query, State},
};
use chrono::{DateTime, Utc};
use fluxstudio_accounts::{EventFilter, EventKind, EventRow, Severity};
use fluxstudio_domain::Invalid;
use fluxstudio_store::DbId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::pagination::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::{ApiError, AppState, ErrorBody, auth::extract::Admin, pagination};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventsQuery {
    /// e.g. `login_failed`, `refresh_token_reuse`.
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub user_id: Option<Uuid>,
    /// `info`, `warning` or `critical`.
    pub severity: Option<String>,
    /// From this time (inclusive), ISO 8601.
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive), ISO 8601.
    pub to: Option<DateTime<Utc>>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    pub id: Uuid,
    #[serde(rename = "type")]
    pub event_type: String,
    pub severity: String,
    pub user_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub metadata: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

impl From<EventRow> for EventView {
    fn from(row: EventRow) -> Self {
        Self {
            id: row.id.0,
            event_type: row.event_type,
            severity: row.severity,
            user_id: row.user_id.map(|id| id.0),
            session_id: row.session_id.map(|id| id.0),
            ip_address: row.ip_address,
            user_agent: row.user_agent,
            metadata: row.metadata.map(|m| m.0),
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventList {
    pub items: Vec<EventView>,
    pub next_cursor: Option<String>,
}

/// Security events, newest first.
#[utoipa::path(get, path = "/api/admin/security-events", tag = "admin", security(("bearer" = [])),
    params(EventsQuery),
    responses((status = 200, body = EventList), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Query(query): Query<EventsQuery>,
) -> Result<Json<EventList>, ApiError> {
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let event_type = query
        .event_type
        .as_deref()
        .map(|t| EventKind::from_word(t).map_err(|e| Invalid::new("type", format!("{e}."))))
        .transpose()?;
    let severity = query
        .severity
        .as_deref()
        .map(|s| Severity::from_word(s).map_err(|e| Invalid::new("severity", format!("{e}."))))
        .transpose()?;
    let filter = EventFilter {
        event_type: event_type.map(EventKind::as_str),
        user_id: query.user_id.map(DbId),
        severity: severity.map(Severity::as_str),
        from: query.from,
        to: query.to,
        before: pagination::cursor(query.cursor.as_deref())?,
    };
    let (rows, next) = state
        .accounts()
        .security_events(&caller, &filter, limit)
        .await?;
    Ok(Json(EventList {
        items: rows.into_iter().map(EventView::from).collect(),
        next_cursor: next.map(pagination::encode),
    }))
}
