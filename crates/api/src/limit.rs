//! The request body limit, refused from `Content-Length` before a byte of the body is read
//! and counted as it streams otherwise: the API's own (JSON bodies, 1 MiB), and the upload
//! routes' (a file of up to `MAX_FILE_SIZE` in its form's framing). One router serves both;
//! the route picks the limit before the router sees the request.

use std::{
    convert::Infallible,
    task::{Context, Poll},
};

use axum::{
    Router,
    body::Body,
    http::{Method, Request, Response},
};
use tower::Service;
use tower_http::limit::{RequestBodyLimit, ResponseBody};

/// Room for a form's boundaries and part headers around the file itself.
pub const FORM_FRAMING: usize = 64 * 1024;

#[derive(Clone)]
pub struct BodyLimit {
    api: RequestBodyLimit<Router>,
    uploads: RequestBodyLimit<Router>,
}

impl BodyLimit {
    pub fn new(router: Router, api: usize, uploads: usize) -> Self {
        Self {
            api: RequestBodyLimit::new(router.clone(), api),
            uploads: RequestBodyLimit::new(router, uploads),
        }
    }
}

/// The routes that take a file: `POST /api/projects/{id}/files`,
/// `POST /api/files/{id}/versions`, `POST /api/conversations/{id}/files`, and a resumable
/// upload's `PATCH /api/uploads/{id}`.
pub fn takes_a_file(method: &Method, path: &str) -> bool {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match *method {
        Method::POST => matches!(
            parts.as_slice(),
            ["", "api", "projects" | "conversations", _, "files"]
                | ["", "api", "files", _, "versions"]
        ),
        Method::PATCH => matches!(parts.as_slice(), ["", "api", "uploads", _]),
        _ => false,
    }
}

impl Service<Request<Body>> for BodyLimit {
    type Response = Response<ResponseBody<Body>>;
    type Error = Infallible;
    type Future = <RequestBodyLimit<Router> as Service<Request<Body>>>::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        // A router is always ready; both are asked so neither is called unready.
        let api = Service::<Request<Body>>::poll_ready(&mut self.api, cx);
        let uploads = Service::<Request<Body>>::poll_ready(&mut self.uploads, cx);
        match (api, uploads) {
            (Poll::Ready(Ok(())), Poll::Ready(Ok(()))) => Poll::Ready(Ok(())),
            (Poll::Ready(Err(error)), _) | (_, Poll::Ready(Err(error))) => Poll::Ready(Err(error)),
            _ => Poll::Pending,
        }
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        if takes_a_file(request.method(), request.uri().path()) {
            self.uploads.call(request)
        } else {
            self.api.call(request)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_upload_routes_take_a_file() {
        let id = "0190a0b0-0000-7000-8000-000000000000";
        for path in [
            format!("/api/projects/{id}/files"),
            format!("/api/conversations/{id}/files"),
            format!("/api/files/{id}/versions"),
            format!("/api/files/{id}/versions/"),
        ] {
            assert!(takes_a_file(&Method::POST, &path), "{path}");
            assert!(!takes_a_file(&Method::GET, &path), "{path}");
        }
        assert!(takes_a_file(&Method::PATCH, &format!("/api/uploads/{id}")));
        assert!(!takes_a_file(&Method::POST, "/api/uploads"));
        assert!(!takes_a_file(&Method::PATCH, &format!("/api/files/{id}")));
        for path in [
            format!("/api/projects/{id}/documents"),
            format!("/api/projects/{id}/files/extra"),
            format!("/api/files/{id}"),
            "/api/projects/files".to_owned(),
        ] {
            assert!(!takes_a_file(&Method::POST, &path), "{path}");
        }
    }
}
