//! `ApiJson<T>`: the JSON body extractor every endpoint uses, so a bad body is refused the
//! same way everywhere and changes nothing: not JSON → 415, unreadable → 400, a missing or
//! wrong-typed field → 422 naming the field (as the client spelled it).

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{StatusCode, header},
};
use serde::de::DeserializeOwned;

use crate::ApiError;

#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl From<fluxstudio_domain::Invalid> for ApiError {
    fn from(invalid: fluxstudio_domain::Invalid) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", invalid.message)
            .with_field(invalid.field)
    }
}

/// Reads `bytes` as a `T`, mapping serde's verdict onto the envelope. A string holding a
/// control character (NUL above all) is refused for every field alike, before anything
/// could store it (see `fluxstudio_domain::text`).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if might_hold_controls(bytes)
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
        && let Some(field) = control_in(&value, String::new())
    {
        let error = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            fluxstudio_domain::text::CONTROL_MESSAGE,
        );
        return Err(if field.is_empty() {
            error
        } else {
            error.with_field(field)
        });
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if !inner.is_data() {
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("The body is not valid JSON: {inner}."),
            );
        }
        let message = inner.to_string();
        // serde reports a missing field at its parent's path; name the field itself.
        let field = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(|name| {
                if path == "." {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                }
            })
            .unwrap_or(path);
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        let error = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("{}: {message}.", field),
        );
        if field == "." {
            error
        } else {
            error.with_field(field)
        }
    })?;
    deserializer.end().map_err(|err| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("The body is not valid JSON: {err}."),
        )
    })?;
    Ok(value)
}

/// Whether a JSON text could hold a control character in a string: written as an escape
/// (`\u0000`), or raw as a C1 control (raw C0 controls are not valid JSON at all). Only
/// then is the body looked through, so ordinary bodies are read once.
fn might_hold_controls(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|pair| pair == b"\\u" || (pair[0] == 0xC2 && (0x80..=0x9F).contains(&pair[1])))
}

/// The path (`a.b[2]`, as serde names fields) of the first string, key or value, holding
/// a character text may not store.
fn control_in(value: &serde_json::Value, path: String) -> Option<String> {
    use fluxstudio_domain::text::is_storable;
    match value {
        serde_json::Value::String(text) => (!text.chars().all(is_storable)).then_some(path),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| control_in(item, format!("{path}[{i}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            if key.chars().all(is_storable) {
                control_in(item, here)
            } else {
                Some(here)
            }
        }),
        _ => None,
    }
}

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                let v = v.trim();
                v.eq_ignore_ascii_case("application/json")
                    || (v.starts_with("application/") && v.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as JSON with Content-Type: application/json.",
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                let status = rejection.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        status,
                        "payload_too_large",
                        "The request body is larger than this endpoint accepts.",
                    )
                } else {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "bad_request",
                        "The request body could not be read.",
                    )
                }
            })?;
        parse(&bytes).map(ApiJson)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Signup {
        email: String,
        user_type: Option<String>,
        profile: Option<Profile>,
    }

    #[derive(Debug, Deserialize)]
    struct Profile {
        #[allow(dead_code)]
        age: u8,
    }

    #[test]
    fn each_kind_of_bad_body_has_its_status_and_field() {
        let cases: &[(&str, u16, &str, Option<&str>)] = &[
            (r#"{"email": "#, 400, "bad_request", None),
            ("not json", 400, "bad_request", None),
            (r#"{"email": "a@b.co"} trailing"#, 400, "bad_request", None),
            ("{}", 422, "invalid", Some("email")),
            (r#"{"email": 42}"#, 422, "invalid", Some("email")),
            (
                r#"{"email": "a@b.co", "userType": []}"#,
                422,
                "invalid",
                Some("userType"),
            ),
            (
                r#"{"email": "a@b.co", "profile": {}}"#,
                422,
                "invalid",
                Some("profile.age"),
            ),
            (
                r#"{"email": "a@b.co", "profile": {"age": 999}}"#,
                422,
                "invalid",
                Some("profile.age"),
            ),
        ];
        for (body, status, code, field) in cases {
            let err = parse::<Signup>(body.as_bytes()).unwrap_err();
            assert_eq!(err.status.as_u16(), *status, "{body}");
            assert_eq!(err.body.error, *code, "{body}");
            assert_eq!(err.body.field.as_deref(), *field, "{body}");
        }
        let ok = parse::<Signup>(br#"{"email": "a@b.co", "userType": "client"}"#).unwrap();
        assert_eq!(
            (ok.email.as_str(), ok.user_type.as_deref()),
            ("a@b.co", Some("client"))
        );
        assert!(ok.profile.is_none());
    }

    #[test]
    fn domain_refusals_become_422_with_the_field() {
        let err = ApiError::from(fluxstudio_domain::Email::parse("nope").unwrap_err());
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.body.field.as_deref(), Some("email"));
    }
}

/// Like [`ApiJson`], for endpoints whose every field is optional: a request with no body
/// at all (no `Content-Type`, nothing sent) reads as `T::default()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionalJson<T>(pub T);

impl<S, T> FromRequest<S> for OptionalJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Default,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let headers = request.headers();
        let declares_body = headers.contains_key(header::CONTENT_TYPE)
            || headers
                .get(header::CONTENT_LENGTH)
                .is_some_and(|len| len.as_bytes() != b"0");
        if declares_body {
            ApiJson::from_request(request, state)
                .await
                .map(|ApiJson(value)| OptionalJson(value))
        } else {
            Ok(OptionalJson(T::default()))
        }
    }
}
