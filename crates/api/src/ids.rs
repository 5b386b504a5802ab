//! Ids in paths: a malformed one names nothing, so it is answered like an unknown one. A
//! UUID written any other way than its canonical form (lower-case, hyphenated) is refused
//! with 422: one resource has one path, so caches, logs and limits never see it twice.

use axum::http::StatusCode;
use fluxstudio_store::DbId;
use uuid::Uuid;

use crate::ApiError;

/// The id in a path segment: 404 naming what was looked for when it is no UUID at all,
/// 422 when it is one written another way (braces, `urn:uuid:`, no hyphens, upper case).
pub fn path_id(raw: &str, what: &str) -> Result<DbId, ApiError> {
    let id = Uuid::parse_str(raw).map_err(|_| ApiError::not_found(format!("No such {what}.")))?;
    let mut canonical = Uuid::encode_buffer();
    let canonical = id.hyphenated().encode_lower(&mut canonical);
    if canonical != raw {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("Write the {what} id in its canonical form: {canonical}."),
        ));
    }
    Ok(DbId(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_canonical_form_names_a_resource() {
        let id = "01939a3e-7f6b-7c2d-9e4f-0123456789ab";
        assert_eq!(path_id(id, "project").unwrap().0.to_string(), id);
        for other in [
            "01939A3E-7F6B-7C2D-9E4F-0123456789AB",
            "{01939a3e-7f6b-7c2d-9e4f-0123456789ab}",
            "urn:uuid:01939a3e-7f6b-7c2d-9e4f-0123456789ab",
            "01939a3e7f6b7c2d9e4f0123456789ab",
        ] {
            assert_eq!(
                path_id(other, "project").unwrap_err().status,
                StatusCode::UNPROCESSABLE_ENTITY
            );
        }
        assert_eq!(
            path_id("not-an-id", "project").unwrap_err().status,
            StatusCode::NOT_FOUND
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any path segment names the id it spells in canonical form, or is refused: 404
        /// when no UUID at all, 422 when one written another way.
        #[test]
        fn any_segment_is_an_id_or_refused(
            raw in proptest::prop_oneof![
                proptest::prelude::any::<String>(),
                "[{(urn:uid]{0,5}[0-9a-fA-F-]{30,38}[})]?",
            ],
        ) {
            match path_id(&raw, "project") {
                Ok(id) => proptest::prop_assert_eq!(id.0.hyphenated().to_string(), raw),
                Err(refused) => {
                    let status = if Uuid::parse_str(&raw).is_ok() {
                        StatusCode::UNPROCESSABLE_ENTITY
                    } else {
                        StatusCode::NOT_FOUND
                    };
                    proptest::prop_assert_eq!(refused.status, status);
                }
            }
        }

        /// The canonical form of any id reads back as that id.
        #[test]
        fn a_canonical_id_round_trips(bits in proptest::prelude::any::<u128>()) {
            let id = Uuid::from_u128(bits);
            proptest::prop_assert_eq!(path_id(&id.to_string(), "project").unwrap(), DbId(id));
        }
    }
}
