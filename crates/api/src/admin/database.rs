//! `GET /api/admin/db-status` and `POST /api/admin/init-database`.

use axum::{Json, extract::State};
use chrono::{DateTime, Utc};
use fluxstudio_store::{migrate, status::db_status};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    ApiError, AppState, ErrorBody,
    auth::extract::{Admin, Origin},
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DbStatusView {
    /// `complete` when every essential table exists and no migration is pending.
    #[schema(example = "complete")]
    pub status: &'static str,
    #[schema(example = "sqlite")]
    pub backend: &'static str,
    pub total_tables: usize,
    pub tables: Vec<String>,
    pub essential_tables: EssentialTables,
    pub migrations: Vec<MigrationView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EssentialTables {
    pub present: Vec<&'static str>,
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationView {
    pub version: i64,
    #[schema(example = "0001_initial")]
    pub name: String,
    /// Null while pending.
    pub applied_at: Option<DateTime<Utc>>,
}

async fn report(state: &AppState) -> Result<DbStatusView, ApiError> {
    let status = db_status(state.db()).await?;
    Ok(DbStatusView {
        status: if status.is_complete() {
            "complete"
        } else {
            "incomplete"
        },
        backend: status.backend.as_str(),
        total_tables: status.tables.len(),
        essential_tables: EssentialTables {
            present: status.essential_present.clone(),
            missing: status.essential_missing.clone(),
        },
        migrations: status
            .migrations
            .iter()
            .map(|m| MigrationView {
                version: m.version,
                name: m.label(),
                applied_at: m.applied_at,
            })
            .collect(),
        tables: status.tables,
    })
}

/// The database's tables, the essential ones, and its migrations.
#[utoipa::path(get, path = "/api/admin/db-status", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = DbStatusView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn db_status_view(
    State(state): State<AppState>,
    Admin(_): Admin,
) -> Result<Json<DbStatusView>, ApiError> {
    Ok(Json(report(&state).await?))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InitReport {
    pub success: bool,
    pub message: String,
    /// Migrations applied by this call (0 when none was pending).
    pub migrations_applied: usize,
    pub tables_created: Vec<String>,
    pub status: DbStatusView,
}

/// Applies pending migrations (the same runner as `fluxstudio migrate`; a no-op when the
/// database is up to date).
#[utoipa::path(post, path = "/api/admin/init-database", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = InitReport), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn init_database(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Origin(client): Origin,
) -> Result<Json<InitReport>, ApiError> {
    let before = fluxstudio_store::schema::tables(state.db())
        .await
        .map_err(ApiError::internal)?;
    let applied = migrate::run(state.db(), |_| {})
        .await
        .map_err(ApiError::internal)?;
    let status = report(&state).await?;
    let tables_created: Vec<String> = status
        .tables
        .iter()
        .filter(|t| !before.contains(t))
        .cloned()
        .collect();
    state
        .accounts()
        .record_admin_action(
            &caller,
            &client,
            serde_json::json!({"action": "init_database", "migrationsApplied": applied}),
        )
        .await;
    Ok(Json(InitReport {
        success: true,
        message: if applied == 0 {
            "The database is up to date.".to_owned()
        } else {
            format!("Applied {applied} migration(s).")
        },
        migrations_applied: applied,
        tables_created,
        status,
    }))
}
