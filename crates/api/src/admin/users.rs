//! `GET /api/admin/users` and `PATCH /api/admin/users/{id}`.

use axum::{
    Json,
    extract::{Path, Query, State},
};
use fluxstudio_accounts::AdminUserChange;
use fluxstudio_store::DbId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::pagination::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{
        extract::{Admin, Origin},
        views::UserView,
    },
    pagination,
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UsersQuery {
    /// Matches part of the email or the name, ignoring case.
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserList {
    pub items: Vec<UserView>,
    pub next_cursor: Option<String>,
}

/// Users, newest first.
#[utoipa::path(get, path = "/api/admin/users", tag = "admin", security(("bearer" = [])),
    params(UsersQuery),
    responses((status = 200, body = UserList), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Query(query): Query<UsersQuery>,
) -> Result<Json<UserList>, ApiError> {
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = pagination::cursor(query.cursor.as_deref())?;
    let q = query
        .q
        .as_deref()
        .map(fluxstudio_domain::text::search)
        .transpose()?;
    let search = q.map(str::trim).filter(|q| !q.is_empty());
    let page = state
        .accounts()
        .admin_users(&caller, search, before, limit)
        .await?;
    Ok(Json(UserList {
        items: page.items.into_iter().map(UserView::from).collect(),
        next_cursor: page.next.map(pagination::encode),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserChangeBody {
    /// False disables the account and ends its sessions.
    pub is_active: Option<bool>,
    /// Grants or revokes instance administration.
    pub is_admin: Option<bool>,
}

/// Disable, enable, grant or revoke admin. The last active admin cannot be demoted or
/// disabled.
#[utoipa::path(patch, path = "/api/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UserChangeBody,
    responses((status = 200, body = UserView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "the last admin", body = ErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Origin(client): Origin,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UserChangeBody>,
) -> Result<Json<UserView>, ApiError> {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found("No such user."))?;
    let change = AdminUserChange {
        is_active: body.is_active,
        is_admin: body.is_admin,
    };
    let user = state
        .accounts()
        .admin_change_user(&caller, DbId(id), change, &client)
        .await?;
    Ok(Json(user.into()))
}
