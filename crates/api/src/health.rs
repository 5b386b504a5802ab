//! `GET /api/health` (the seed's shape), `/api/health/live` and `/api/health/ready`.

use axum::{Json, extract::State, http::StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    probe::resident_bytes,
    state::{AppState, VERSION},
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// `healthy`, or `unhealthy` when the database does not answer.
    #[schema(example = "healthy")]
    pub status: &'static str,
    #[schema(example = "unified-backend")]
    pub service: &'static str,
    #[schema(example = "0.1.0")]
    pub version: &'static str,
    /// Seconds since the process started.
    pub uptime: f64,
    pub memory: Memory,
    pub database: DatabaseHealth,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    /// Resident set size in bytes, as the operating system counts it.
    pub rss: u64,
    /// Bytes currently allocated on the heap, as the allocator counts them.
    pub heap_used: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatabaseHealth {
    /// `connected` or `unreachable`.
    #[schema(example = "connected")]
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    #[schema(example = "sqlite")]
    pub backend: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Probe {
    /// `alive` (liveness); `ready`, `degraded` or `not_ready` (readiness).
    #[schema(example = "ready")]
    pub status: &'static str,
    #[schema(example = "unified-backend")]
    pub service: &'static str,
}

const SERVICE: &str = "unified-backend";

/// Service health as the seed's load balancer expects it.
#[utoipa::path(
    get, path = "/api/health", tag = "health",
    responses(
        (status = 200, description = "Healthy", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let up = state.inner.db_probe.is_up().await;
    let body = Health {
        status: if up { "healthy" } else { "unhealthy" },
        service: SERVICE,
        version: VERSION,
        uptime: state.inner.started_at.elapsed().as_secs_f64(),
        memory: Memory {
            rss: resident_bytes(),
            heap_used: (state.inner.heap_allocated)(),
        },
        database: DatabaseHealth {
            status: if up { "connected" } else { "unreachable" },
            backend: state.db().backend().as_str(),
        },
    };
    let status = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}

/// Liveness: the process runs and serves HTTP. Never touches the database.
#[utoipa::path(
    get, path = "/api/health/live", tag = "health",
    responses((status = 200, description = "Alive", body = Probe))
)]
pub async fn live() -> Json<Probe> {
    Json(Probe {
        status: "alive",
        service: SERVICE,
    })
}

/// Readiness: the database answers, so requests can be served. With `REDIS_URL` set and
/// Redis not answering, the instance still serves the people connected to it, alone:
/// `degraded`, still 200, so a balancer keeps sending it traffic.
#[utoipa::path(
    get, path = "/api/health/ready", tag = "health",
    responses(
        (status = 200, description = "Ready (`ready`), or serving without Redis (`degraded`)", body = Probe),
        (status = 503, description = "The database does not answer", body = Probe),
    )
)]
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Probe>) {
    let (code, status) = if !state.inner.db_probe.is_up().await {
        (StatusCode::SERVICE_UNAVAILABLE, "not_ready")
    } else if let Some(redis) = &state.inner.redis
        && !redis.answers().await
    {
        (StatusCode::OK, "degraded")
    } else {
        (StatusCode::OK, "ready")
    };
    let service = SERVICE;
    (code, Json(Probe { status, service }))
}
