//! The OpenAPI 3.1 document, built from the handlers' own annotations: a route registered
//! through [`documented_routes`] cannot be missing from it.

use axum::{
    http::{HeaderValue, header},
    routing::{MethodRouter, get},
};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{error::ErrorBody, health, state::AppState};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "FluxStudio API",
        description = "REST API of FluxStudio, the collaboration platform for creative design \
                       studios. Errors share one envelope: `{error, message, field?}`."
    ),
    components(schemas(ErrorBody)),
    tags((name = "health", description = "Liveness, readiness and service health"))
)]
struct ApiDoc;

/// Health probes: bodies of a few hundred bytes, asked for by load balancers and status
/// lines that never ask for compression, so they skip that layer.
fn probe_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::health))
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
}

/// The product's resources; responses are compressed when the client accepts it.
fn resource_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

/// Every documented endpoint. New endpoints are added with `routes!`, which registers the
/// route and its documentation together.
pub fn documented_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(probe_routes())
        .merge(resource_routes().layer(crate::layers::compression()))
}

/// The documented routes and their document, stamped with this build's version.
pub fn split() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut document) = documented_routes().split_for_parts();
    document.info.version = crate::state::VERSION.to_owned();
    (routes, document)
}

/// The document as served at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    split().1
}

/// A handler that serves `document`, serialised once at start.
pub fn serve(document: &utoipa::openapi::OpenApi) -> MethodRouter<AppState> {
    let json = document
        .to_json()
        .unwrap_or_else(|e| format!("{{\"error\":\"internal_error\",\"message\":\"{e}\"}}"));
    get(move || {
        let json = json.clone();
        async move {
            (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                json,
            )
        }
    })
}
