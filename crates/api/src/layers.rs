//! Cross-cutting HTTP behaviour: security headers, CORS and compression.

use axum::http::{HeaderName, HeaderValue, Method, Response, header};
use tower_http::{
    compression::{
        CompressionLayer,
        predicate::{DefaultPredicate, Predicate, SizeAbove},
    },
    cors::{AllowOrigin, CorsLayer},
};

/// The page may load scripts, styles, images and connections only from its own origin
/// (WebSockets included); nothing may frame it.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
     connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Adds the security headers to a response that does not set its own; with `hsts`
/// (production, behind TLS) also Strict-Transport-Security.
fn secure<B>(mut response: Response<B>, hsts: bool) -> Response<B> {
    let headers = response.headers_mut();
    // Room for all of them at once instead of regrowing the map header by header.
    headers.reserve(6);
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if hsts {
        set(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    response
}

/// The security-header step for this environment, as a plain function so the service
/// that applies it has a nameable type.
pub fn security_headers<B>(production: bool) -> fn(Response<B>) -> Response<B> {
    if production {
        |r| secure(r, true)
    } else {
        |r| secure(r, false)
    }
}

/// `Cache-Control: no-store` on a response that does not say otherwise: the API's answers
/// carry tokens and personal data, which no browser cache or shared proxy may keep.
pub async fn no_store<B>(mut response: Response<B>) -> Response<B> {
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert_with(|| HeaderValue::from_static("no-store"));
    response
}

/// CORS for the configured origins (`CORS_ORIGINS`), with credentials so the web app on
/// another origin can use its refresh cookie. With no origins there is no CORS layer at
/// all (it would add `Vary` headers to every response): only the same origin may call.
pub fn cors(origins: &[HeaderValue]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins.iter().cloned()))
        .allow_credentials(true)
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            HeaderName::from_static("x-csrf-token"),
            HeaderName::from_static("x-request-id"),
            // Resumable uploads (tus 1.0.0).
            HeaderName::from_static("tus-resumable"),
            HeaderName::from_static("upload-length"),
            HeaderName::from_static("upload-metadata"),
            HeaderName::from_static("upload-offset"),
        ])
        .expose_headers([
            HeaderName::from_static("x-request-id"),
            header::RETRY_AFTER,
            HeaderName::from_static("ratelimit-limit"),
            HeaderName::from_static("ratelimit-remaining"),
            HeaderName::from_static("ratelimit-reset"),
            header::LOCATION,
            HeaderName::from_static("tus-resumable"),
            HeaderName::from_static("tus-version"),
            HeaderName::from_static("tus-extension"),
            HeaderName::from_static("tus-max-size"),
            HeaderName::from_static("upload-offset"),
            HeaderName::from_static("upload-length"),
            HeaderName::from_static("upload-expires"),
        ])
        .max_age(std::time::Duration::from_secs(600));
    Some(cors)
}

/// gzip or brotli, as the client accepts, for bodies of 1 KiB or more: below that the
/// framing costs more than it saves. Never a download served in ranges (it says
/// `Accept-Ranges`): its ranges, length and `ETag` count the stored bytes.
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().compress_when(
        DefaultPredicate::new()
            .and(SizeAbove::new(1024))
            .and(NotRanged),
    )
}

#[derive(Debug, Clone, Copy)]
struct NotRanged;

impl Predicate for NotRanged {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &Response<B>) -> bool {
        !response.headers().contains_key(header::ACCEPT_RANGES)
    }
}
