//! FluxStudio's HTTP API under `/api`: the routers, the error envelope, the layers that
//! wrap them, and the OpenAPI document generated from the handlers themselves.
#![forbid(unsafe_code)]

pub mod error;
pub mod health;
pub mod layers;
pub mod metrics;
pub mod observe;
pub mod openapi;
pub mod state;
mod test_hooks;

use axum::{
    Router,
    routing::{MethodRouter, any, get},
};
use tower::{ServiceBuilder, util::MapResponseLayer};
use tower_http::limit::RequestBodyLimitLayer;

pub use error::{ApiError, ErrorBody};
pub use state::AppState;

/// How the `/api` router behaves, from the server's configuration.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Origins allowed to call the API from a browser (`CORS_ORIGINS`).
    pub cors_origins: Vec<axum::http::HeaderValue>,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Mounts `/api/_test/*` routes that only tests need (never in production).
    pub test_hooks: bool,
}

/// Everything under `/api`. `docs_page` answers `/api/docs` (the browsable documentation,
/// which the web build provides).
pub fn router(options: &HttpOptions, docs_page: MethodRouter<AppState>) -> Router<AppState> {
    let (documented, document) = openapi::split();
    let undocumented = Router::new()
        .route("/api/openapi.json", openapi::serve(&document))
        .route("/api/docs", docs_page)
        .route("/api", any(error::api_not_found))
        .route("/api/", any(error::api_not_found))
        .route("/api/{*rest}", any(error::api_not_found))
        .layer(layers::compression());
    let mut api = documented.merge(undocumented);
    if options.test_hooks {
        api = api
            .route("/api/_test/sleep", get(test_hooks::sleep))
            .route("/api/_test/fail", get(test_hooks::fail));
    }
    // One `layer` call: each call on a Router boxes every route once more.
    api.layer(
        ServiceBuilder::new()
            .layer(MapResponseLayer::new(error::json_errors))
            .option_layer(layers::cors(&options.cors_origins))
            .layer(RequestBodyLimitLayer::new(options.body_limit)),
    )
}
