//! FluxStudio's HTTP API under `/api`: the routers, the error envelope, the layers that
//! wrap them, and the OpenAPI document generated from the handlers themselves.
#![forbid(unsafe_code)]

pub mod admin;
pub mod auth;
pub mod contract;
pub mod csrf;
pub mod documents;
pub mod error;
pub mod files;
pub mod health;
pub mod ids;
pub mod json;
pub mod layers;
pub mod limit;
pub mod messaging;
pub mod metrics;
pub mod observe;
pub mod openapi;
pub mod pagination;
pub mod probe;
pub mod rate_limit;
pub mod state;
mod test_hooks;
pub mod workspace;

use axum::{
    Router,
    body::Body,
    response::Response,
    routing::{MethodRouter, any, get},
};
use tower::{
    ServiceBuilder,
    util::{Either, MapResponse},
};
use tower_http::{cors::Cors, limit::ResponseBody};

pub use error::{ApiError, ErrorBody};
pub use json::ApiJson;
pub use state::{AppState, StateParts, WebSecurity};

/// How the HTTP service behaves, from the server's configuration.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Origins allowed to call the API from a browser (`CORS_ORIGINS`).
    pub cors_origins: Vec<axum::http::HeaderValue>,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The largest file an upload route accepts (`MAX_FILE_SIZE`), in bytes.
    pub max_file_size: usize,
    /// Mounts `/api/_test/*` routes that only tests need (never in production).
    pub test_hooks: bool,
    /// Production sits behind TLS: send HSTS.
    pub production: bool,
}

/// Every route under `/api`; the resources behind the rate limits and the CSRF check.
/// `docs_page` answers `/api/docs` (the browsable documentation, which the web build
/// provides).
pub fn routes(
    state: &AppState,
    options: &HttpOptions,
    docs_page: MethodRouter<AppState>,
) -> Router<AppState> {
    let (documented, document) = openapi::split(|resources, guard| {
        let resources = resources.layer(axum::middleware::map_response(layers::no_store));
        let resources = match guard {
            openapi::Guard::Public => resources.layer(axum::middleware::from_fn_with_state(
                state.clone(),
                csrf::guard,
            )),
            openapi::Guard::Bearer => resources,
        };
        // Outermost: the rate limit counts every request, even those CSRF refuses.
        resources.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
    });
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
    api
}

/// The service as served: the finished router inside the layers every response passes
/// through, from the outside in: security headers, the JSON error envelope, CORS, the body
/// limit (refused from `Content-Length` before the body is read; see [`limit`]).
pub type Served = MapResponse<
    MapResponse<Either<Cors<Limited>, Limited>, fn(Response<ResponseBody<Body>>) -> Response>,
    fn(Response) -> Response,
>;
type Limited = limit::BodyLimit;

/// Wraps the finished router. These layers go around the router rather than inside it
/// (`Router::layer`), where each would box every route once more per request.
pub fn serve(router: Router, options: &HttpOptions) -> Served {
    let envelope: fn(Response<ResponseBody<Body>>) -> Response = error::json_errors;
    ServiceBuilder::new()
        .map_response(layers::security_headers(options.production))
        .map_response(envelope)
        .option_layer(layers::cors(&options.cors_origins))
        .service(limit::BodyLimit::new(
            router,
            options.body_limit,
            options.max_file_size.saturating_add(limit::FORM_FRAMING),
        ))
}
