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
    use proptest::prelude::*;

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

    /// A `Cookie` header's bytes as a client may send them: any bytes a header value can
    /// hold (non-UTF-8 included), or text of pairs that use our names.
    fn cookie_header() -> impl Strategy<Value = HeaderValue> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..120)
                .prop_filter_map("not a header value", |b| HeaderValue::from_bytes(&b).ok()),
            "((flux_csrf|flux_refresh|a| flux_csrf |)(=[ =;a-z\u{e9}\t]{0,8})?;? ?){0,6}"
                .prop_filter_map("not a header value", |t| HeaderValue::from_str(&t).ok()),
        ]
    }

    /// A token as [`set_csrf`] and [`set_refresh`] are given one: base64url.
    fn token() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_-]{1,60}(\\.[A-Za-z0-9_-]{1,43})?"
    }

    fn web() -> impl Strategy<Value = WebSecurity> {
        any::<bool>().prop_map(|secure_cookies| WebSecurity {
            secure_cookies,
            trusted_proxies: 0,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any `Cookie` headers are read without panicking; what is read was sent as that
        /// cookie's value: a non-empty run without `;`.
        #[test]
        fn any_cookie_header_is_read_or_ignored(values in prop::collection::vec(cookie_header(), 0..4)) {
            let mut headers = HeaderMap::new();
            for value in &values {
                headers.append(header::COOKIE, value.clone());
            }
            for name in [CSRF, REFRESH, "a", ""] {
                if let Some(value) = read(&headers, name) {
                    prop_assert!(!value.is_empty() && !value.contains(';'), "{value:?}");
                    let pair = format!("{name}={value}");
                    prop_assert!(
                        values.iter().any(|v| v.to_str().is_ok_and(|t| t.contains(&pair))),
                        "{pair:?} not sent in {values:?}"
                    );
                }
            }
        }

        /// The cookie the API sets, sent back among any others, reads back as its token.
        #[test]
        fn a_cookie_set_reads_back(
            token in token(),
            web in web(),
            refresh in any::<bool>(),
            before in "([b-z]{1,6}=[ -:<-~]{0,8}; ){0,3}",
            after in "(; [b-z]{1,6}=[ -:<-~]{0,8}){0,3}",
        ) {
            let (name, set) = if refresh {
                (REFRESH, set_refresh(web, &token))
            } else {
                (CSRF, set_csrf(web, &token))
            };
            let set = set.to_str().unwrap().to_owned();
            let (pair, attributes) = set.split_once("; ").unwrap();
            prop_assert_eq!(pair, format!("{name}={token}"));
            prop_assert!(attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict"));
            prop_assert_eq!(attributes.contains("Secure"), web.secure_cookies);

            let mut headers = HeaderMap::new();
            headers.insert(header::COOKIE, HeaderValue::from_str(&format!("{before}{pair}{after}")).unwrap());
            prop_assert_eq!(read(&headers, name), Some(token.as_str()));
        }

        /// A token that no header may hold gives the clearing fallback, never a panic.
        #[test]
        fn any_token_makes_a_cookie(token in any::<String>(), web in web()) {
            for value in [set_csrf(web, &token), set_refresh(web, &token)] {
                // Not `to_str`: a header value may hold UTF-8 it does not read.
                let text = std::str::from_utf8(value.as_bytes()).unwrap();
                prop_assert!(text.contains(&token) || text == "flux_invalid=; Max-Age=0", "{text:?}");
            }
        }
    }
}
