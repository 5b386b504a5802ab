//! The one error envelope of `/api`: `{"error": "snake_case_code", "message": "…", "field"?}`.
//! Handlers return [`ApiError`]; anything else that fails below `/api` (a body too large,
//! a method not allowed, a panic) is rewritten into the same shape by [`json_errors`].

use axum::{
    Json,
    body::Body,
    extract::Request,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

use fluxstudio_domain::Refusal;

use crate::observe::InternalDetail;

/// The body of every error response under `/api`.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct ErrorBody {
    /// A stable, machine-readable code such as `not_found` or `invalid`.
    pub error: String,
    /// A sentence a person can act on.
    pub message: String,
    /// The request field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error a handler returns; it becomes a status and an [`ErrorBody`].
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    /// For internal errors: what went wrong, for the log only.
    detail: Option<String>,
    /// Headers the response carries besides the body (`Retry-After`, say).
    /// Boxed: rare, and it would otherwise double the size of every `Result` carrying one.
    headers: Option<Box<HeaderMap>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error: code.to_owned(),
                message: message.into(),
                field: None,
            },
            detail: None,
            headers: None,
        }
    }

    /// Adds headers to the response this error becomes.
    pub fn with_headers(mut self, add: impl FnOnce(&mut HeaderMap)) -> Self {
        add(self.headers.get_or_insert_with(Default::default));
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.body.field = Some(field.into());
        self
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
    }

    /// A failure that is ours, not the client's: the detail goes to the log (with the
    /// request id the response carries, see [`crate::observe`]), never to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        let mut error = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            fluxstudio_domain::refusal::INTERNAL_MESSAGE,
        );
        error.detail = Some(detail.to_string());
        error
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(headers) = self.headers {
            response.headers_mut().extend(*headers);
        }
        if let Some(detail) = self.detail {
            response.extensions_mut().insert(InternalDetail(detail));
        }
        response
    }
}

impl ApiError {
    /// A service's refusal as REST answers it; `cause` goes to the log when it is ours.
    pub fn refused(refusal: Refusal, cause: &impl std::fmt::Display) -> Self {
        if refusal.is_internal() {
            return Self::internal(cause);
        }
        let status =
            StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let error = Self::new(status, refusal.code, refusal.message);
        match refusal.field {
            Some(field) => error.with_field(field),
            None => error,
        }
    }
}

impl From<fluxstudio_store::StoreError> for ApiError {
    fn from(error: fluxstudio_store::StoreError) -> Self {
        Self::refused(error.refusal(), &error)
    }
}

/// The code and message used when an error response was not produced by a handler.
fn envelope_for(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::BAD_REQUEST => ("bad_request", "The request could not be read."),
        StatusCode::UNAUTHORIZED => ("unauthorized", "Sign in to continue."),
        StatusCode::FORBIDDEN => ("forbidden", "You are not allowed to do this."),
        StatusCode::NOT_FOUND => ("not_found", "There is nothing at this address."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "This endpoint does not accept that HTTP method.",
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "The request took too long."),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            "The request body is larger than this endpoint accepts.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Send the body as application/json.",
        ),
        StatusCode::UNPROCESSABLE_ENTITY => ("invalid", "The request is not valid."),
        StatusCode::TOO_MANY_REQUESTS => (
            "rate_limited",
            "Too many requests. Wait as long as Retry-After says, then try again.",
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            "unavailable",
            "The service is temporarily unavailable. Try again shortly.",
        ),
        s if s.is_server_error() => (
            "internal_error",
            "Something went wrong on our side. Try again; if it persists, give the administrator the X-Request-Id of this response.",
        ),
        _ => ("error", "The request failed."),
    }
}

/// Rewrites any error response that is not already JSON into the envelope, keeping its
/// status and headers (such as `Retry-After`): whatever produced it (a handler, the body
/// limit, the router's 405), a client always reads the same shape.
pub fn json_errors<B>(response: Response<B>) -> Response
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response.map(Body::new);
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response.map(Body::new);
    }
    let (code, message) = envelope_for(status);
    let body = serde_json::to_vec(&ErrorBody {
        error: code.to_owned(),
        message: message.to_owned(),
        field: None,
    })
    .unwrap_or_default();
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body))
}

/// The JSON 404 for any `/api/...` path no route matches.
pub async fn api_not_found(request: Request) -> ApiError {
    ApiError::not_found(format!(
        "No API endpoint answers {} {}. The list is at /api/docs.",
        request.method(),
        request.uri().path()
    ))
}
