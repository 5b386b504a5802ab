//! `ApiJson<T>`: the JSON body extractor every endpoint uses, so a bad body is refused the
//! same way everywhere and changes nothing: not JSON → 415, unreadable → 400, a missing or
//! wrong-typed field → 422 naming the field (as the client spelled it).

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{StatusCode, header},
};
use serde::{
    Deserialize, Deserializer,
    de::{DeserializeOwned, Error as _, IgnoredAny},
};

use crate::ApiError;

#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl From<fluxstudio_domain::Invalid> for ApiError {
    fn from(invalid: fluxstudio_domain::Invalid) -> Self {
        let refusal = fluxstudio_domain::Refusal::from(invalid);
        ApiError::refused(refusal, &"invalid")
    }
}

/// Reads `bytes` as a `T`, mapping serde's verdict onto the envelope. A string holding a
/// control character (NUL above all) is refused for every field alike, before anything
/// could store it (see `fluxstudio_domain::text`).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Every body is an object: serde would also read a struct from an array of its fields.
    // (`null` is left to serde: an optional body reads it as absent, any other refuses it.)
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let object_or_null = matches!(first, Some(b'{' | b'n'));
    if !object_or_null && serde_json::from_slice::<IgnoredAny>(bytes).is_ok() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Send the body as a JSON object.",
        ));
    }
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
        // serde reports a missing field at its parent's path; name the field itself. (An
        // unknown field's path already ends with its name.)
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

/// A whole number of 0 or more as JSON Schema's `integer` has it: `3` or `3.0`, not `3.5`.
/// One beyond `i64` reads as `i64::MAX` (a place past the end, a number past the last).
pub fn non_negative_whole<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let number = serde_json::Number::deserialize(d)?;
    // The document states these as `int64`: a value beyond it is refused, not clamped.
    const BEYOND: &str = "expected a whole number of at most 9223372036854775807";
    let value = match (number.as_i64(), number.as_u64(), number.as_f64()) {
        (Some(n), _, _) => n,
        (None, Some(_), _) => return Err(D::Error::custom(BEYOND)),
        // 2^63 is the first whole float beyond i64 (`i64::MAX as f64` rounds up to it).
        (None, None, Some(f)) if f.fract() == 0.0 && f.abs() >= 2f64.powi(63) => {
            return Err(D::Error::custom(BEYOND));
        }
        (None, None, Some(f)) if f.fract() == 0.0 => f as i64,
        _ => return Err(D::Error::custom("expected a whole number")),
    };
    if value < 0 {
        return Err(D::Error::custom("expected a number of 0 or more"));
    }
    Ok(value)
}

/// [`non_negative_whole`] for a field that may be absent or null.
pub fn optional_non_negative_whole<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct Whole(#[serde(deserialize_with = "non_negative_whole")] i64);
    Ok(Option::<Whole>::deserialize(d)?.map(|Whole(n)| n))
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
    use proptest::prelude::*;
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
            // A struct is read from an object only, never from an array of its fields.
            (r#"["a@b.co", null, null]"#, 422, "invalid", None),
            ("null", 422, "invalid", None),
            (
                r#"{"email": "a@b.co", "extra": 1}"#,
                422,
                "invalid",
                Some("extra"),
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
        // An optional body sent as `null` is an absent one.
        assert!(parse::<Option<Signup>>(b" null").unwrap().is_none());
    }

    #[test]
    fn domain_refusals_become_422_with_the_field() {
        let err = ApiError::from(fluxstudio_domain::Email::parse("nope").unwrap_err());
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.body.field.as_deref(), Some("email"));
    }

    #[test]
    fn whole_numbers_as_json_schema_has_them() {
        #[derive(Debug, Deserialize)]
        struct Place {
            #[serde(deserialize_with = "non_negative_whole")]
            index: i64,
            #[serde(default, deserialize_with = "optional_non_negative_whole")]
            seq: Option<i64>,
        }
        for (body, index, seq) in [
            (r#"{"index": 3}"#, 3, None),
            (r#"{"index": 3.0, "seq": 7.0}"#, 3, Some(7)),
            (
                r#"{"index": 9223372036854775807, "seq": null}"#,
                i64::MAX,
                None,
            ),
        ] {
            let place = parse::<Place>(body.as_bytes()).unwrap();
            assert_eq!((place.index, place.seq), (index, seq), "{body}");
        }
        for beyond in [
            r#"{"index": 1e30}"#,
            r#"{"index": 9223372036854775808}"#,
            r#"{"index": 0, "seq": 18446744073709551615}"#,
            r#"{"index": -1e19}"#,
        ] {
            assert!(parse::<Place>(beyond.as_bytes()).is_err(), "{beyond}");
        }
        for body in [
            r#"{"index": 3.5}"#,
            r#"{"index": -1}"#,
            r#"{"index": 0, "seq": -2.0}"#,
        ] {
            assert_eq!(
                parse::<Place>(body.as_bytes()).unwrap_err().status,
                422,
                "{body}"
            );
        }
    }

    #[derive(Debug, Deserialize)]
    struct Counted {
        #[serde(deserialize_with = "non_negative_whole")]
        #[allow(dead_code)]
        index: i64,
        #[serde(default, deserialize_with = "optional_non_negative_whole")]
        #[allow(dead_code)]
        seq: Option<i64>,
    }

    /// Any JSON value, up to three levels deep, with the fields above often among its keys
    /// and control characters among its texts.
    fn json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let text = prop_oneof![
            any::<String>(),
            "[a@.\\u{0}\\u{7}\\u{85}\\u{2028}\\u{fffe}]{0,6}"
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text.clone().prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 32, 5, move |inner| {
            let key = prop_oneof![
                prop::sample::select(vec!["email", "userType", "profile", "age", "index", "seq"])
                    .prop_map(str::to_owned),
                text.clone(),
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                prop::collection::btree_map(key, inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A body as a client may send one: any bytes, any JSON, or JSON cut short.
    fn body() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..80),
            json().prop_map(|v| v.to_string().into_bytes()),
            (json(), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
                let text = v.to_string().into_bytes();
                text[..cut.index(text.len() + 1)].to_vec()
            }),
            "[ {}\\[\\]\":,0-9a-z.e+\\\\-]{0,40}".prop_map(String::into_bytes),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any body is read or refused with 400 or 422, never a panic.
        #[test]
        fn any_body_is_read_or_refused(body in body()) {
            for refused in [
                parse::<Signup>(&body).err(),
                parse::<Option<Signup>>(&body).err(),
                parse::<Counted>(&body).err(),
                parse::<serde_json::Value>(&body).err(),
            ]
            .into_iter()
            .flatten()
            {
                let expected = match refused.status.as_u16() {
                    400 => "bad_request",
                    422 => "invalid",
                    other => return Err(TestCaseError::fail(format!("status {other}"))),
                };
                prop_assert_eq!(refused.body.error.as_str(), expected);
            }
        }

        /// A text sent is the text read, unless it holds a character no text may store,
        /// which is refused naming the field.
        #[test]
        fn a_text_round_trips_or_is_refused_by_name(email in prop_oneof![any::<String>(), "[a\\u{0}\\u{9f}\\u{fffe}]{0,4}"]) {
            let body = serde_json::json!({ "email": email }).to_string();
            match parse::<Signup>(body.as_bytes()) {
                Ok(signup) => prop_assert_eq!(signup.email, email),
                Err(refused) => {
                    prop_assert!(!email.chars().all(fluxstudio_domain::text::is_storable));
                    prop_assert_eq!(refused.status.as_u16(), 422);
                    prop_assert_eq!(refused.body.field.as_deref(), Some("email"));
                }
            }
        }

        /// Whole numbers of 0 or more read back as themselves.
        #[test]
        fn a_whole_number_round_trips(index in 0..=i64::MAX, seq in prop::option::of(0..=i64::MAX)) {
            let body = serde_json::json!({ "index": index, "seq": seq }).to_string();
            let place = parse::<Counted>(body.as_bytes()).unwrap();
            prop_assert_eq!((place.index, place.seq), (index, seq));
        }
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
            ApiJson::<Option<T>>::from_request(request, state)
                .await
                .map(|ApiJson(value)| OptionalJson(value.unwrap_or_default()))
        } else {
            Ok(OptionalJson(T::default()))
        }
    }
}
