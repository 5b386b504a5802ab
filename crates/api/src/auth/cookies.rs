//! The two cookies the API sets: the refresh token (HttpOnly, SameSite=Strict, only sent
//! to `/api/auth`) and the CSRF token (HttpOnly: the web app reads it from
//! `GET /api/csrf-token`, never from the cookie).

use axum::http::{HeaderMap, HeaderValue, header};

use crate::state::WebSecurity;

pub const REFRESH: &str = "flux_refresh";
pub const CSRF: &str = "flux_csrf";
const REFRESH_PATH: &str = "/api/auth";
const REFRESH_MAX_AGE: i64 = 7 * 24 * 3600;
/// The CSRF cookie outlives any session it protects; it is not a credential by itself.
const CSRF_MAX_AGE: i64 = 30 * 24 * 3600;

/// The value of cookie `name` in the request, if sent.
pub fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

pub fn set_refresh(web: WebSecurity, token: &str) -> HeaderValue {
    cookie(web, REFRESH, token, REFRESH_PATH, REFRESH_MAX_AGE)
}

pub fn clear_refresh(web: WebSecurity) -> HeaderValue {
    cookie(web, REFRESH, "", REFRESH_PATH, 0)
}

pub fn set_csrf(web: WebSecurity, token: &str) -> HeaderValue {
    cookie(web, CSRF, token, "/", CSRF_MAX_AGE)
}

fn cookie(web: WebSecurity, name: &str, value: &str, path: &str, max_age: i64) -> HeaderValue {
    let secure = if web.secure_cookies { "; Secure" } else { "" };
    let text = format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    );
    // Our tokens are base64url and the rest is fixed text, so this cannot fail; an empty
    // value (which clears the cookie) is the fallback rather than a panic.
    HeaderValue::from_str(&text)
        .unwrap_or_else(|_| HeaderValue::from_static("flux_invalid=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; flux_refresh=tok; b=2"),
        );
        assert_eq!(read(&headers, REFRESH), Some("tok"));
        assert_eq!(read(&headers, CSRF), None);
    }

    #[test]
    fn refresh_cookie_is_strict_httponly_and_scoped() {
        let web = WebSecurity {
            secure_cookies: true,
            trusted_proxies: 0,
        };
        let value = set_refresh(web, "tok");
        let text = value.to_str().unwrap();
        for part in [
            "flux_refresh=tok",
            "Path=/api/auth",
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
        ] {
            assert!(text.contains(part), "{text} lacks {part}");
        }
        let dev = set_csrf(WebSecurity::default(), "x");
        assert!(!dev.to_str().unwrap().contains("Secure"));
    }
}
