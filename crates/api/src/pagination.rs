//! Cursor pagination (`?limit=&cursor=` → `{items, nextCursor}`). Lists are ordered by
//! time-ordered UUIDv7 ids, so the cursor is the last id of the page, kept opaque.

use fluxstudio_domain::Invalid;
use fluxstudio_store::DbId;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// `?limit=&cursor=`: cursor pagination as every list under `/api` does it.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// At most this many items (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `nextCursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;

impl PageQuery {
    /// The page size (checked) and the id the cursor stands for.
    pub fn read(
        &self,
    ) -> Result<(i64, Option<fluxstudio_store::DbId>), fluxstudio_domain::Invalid> {
        Ok((
            limit(self.limit, DEFAULT_LIMIT, MAX_LIMIT)?,
            cursor(self.cursor.as_deref())?,
        ))
    }
}

/// The page size asked for, within `1..=max`.
pub fn limit(asked: Option<i64>, default: i64, max: i64) -> Result<i64, Invalid> {
    match asked {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(Invalid::new(
            "limit",
            format!("Give a limit from 1 to {max}."),
        )),
    }
}

/// The id a cursor stands for. Only the form [`encode`] gives out (32 lower-case hex
/// digits, the `pattern` the document states) is read: no other spelling of the same id.
pub fn cursor(cursor: Option<&str>) -> Result<Option<DbId>, Invalid> {
    cursor
        .map(|c| {
            let given_out =
                c.len() == 32 && c.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            given_out
                .then(|| Uuid::parse_str(c).ok())
                .flatten()
                .map(DbId)
                .ok_or_else(|| Invalid::new("cursor", "This cursor is not one this API gave out."))
        })
        .transpose()
}

pub fn encode(id: DbId) -> String {
    id.0.simple().to_string()
}

/// Trims a page fetched with one extra item; returns the next cursor (the last kept id)
/// when that extra item existed.
pub fn trim<T>(items: &mut Vec<T>, limit: i64, id: impl Fn(&T) -> Uuid) -> Option<String> {
    let limit = usize::try_from(limit).unwrap_or(0);
    if items.len() > limit {
        items.truncate(limit);
        items.last().map(|item| encode(DbId(id(item))))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_cursor_is_read_only_in_the_form_given_out() {
        let id = DbId(Uuid::now_v7());
        let given = encode(id);
        assert_eq!(cursor(Some(&given)).unwrap(), Some(id));
        for other in [
            id.0.hyphenated().to_string(),
            given.to_uppercase(),
            format!("{{{}}}", id.0.hyphenated()),
            given[..31].to_owned(),
            String::new(),
        ] {
            assert_eq!(cursor(Some(&other)).unwrap_err().field, "cursor", "{other}");
        }
        assert_eq!(cursor(None).unwrap(), None);
    }

    #[test]
    fn a_limit_outside_its_range_is_refused_not_clamped() {
        assert_eq!(limit(None, 50, 100).unwrap(), 50);
        assert_eq!(limit(Some(100), 50, 100).unwrap(), 100);
        for asked in [0, -1, 101, i64::MAX] {
            assert_eq!(limit(Some(asked), 50, 100).unwrap_err().field, "limit");
        }
    }

    /// Near misses of the form given out (hex of other lengths and cases, hyphenated,
    /// braced, padded) as well as any string at all.
    fn cursor_like() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[0-9a-fA-F]{30,34}",
            "[0-9a-f]{32}",
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "[{ +-]?[0-9a-fA-Fg-z-]{30,36}[} \n]?",
            "[0-9a-f\u{e9}\u{660}\u{ff10}]{16,32}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any string is read or refused as a cursor, never more: read only when it is the
        /// form `encode` gives out, and then as the id it spells.
        #[test]
        fn any_cursor_is_read_or_refused(raw in cursor_like()) {
            let given_out = raw.len() == 32
                && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            match cursor(Some(&raw)) {
                Ok(Some(id)) => {
                    prop_assert!(given_out, "{raw:?} read as {id:?}");
                    prop_assert_eq!(encode(id), raw);
                }
                Ok(None) => prop_assert!(false, "a cursor given read as none"),
                Err(err) => {
                    prop_assert!(!given_out, "{raw:?} refused");
                    prop_assert_eq!(err.field, "cursor");
                }
            }
        }

        /// What `encode` gives out, `cursor` reads back as the same id, whatever the id.
        #[test]
        fn a_cursor_round_trips(bits in any::<u128>()) {
            let id = DbId(Uuid::from_u128(bits));
            let given = encode(id);
            prop_assert_eq!(given.len(), 32);
            prop_assert_eq!(cursor(Some(&given)).unwrap(), Some(id));
        }

        /// Any page size asked, with any bounds, is taken within them or refused.
        #[test]
        fn any_limit_is_taken_or_refused(
            asked in any::<Option<i64>>(),
            default in any::<i64>(),
            max in any::<i64>(),
        ) {
            match limit(asked, default, max) {
                Ok(n) if asked.is_none() => prop_assert_eq!(n, default),
                Ok(n) => prop_assert!((1..=max).contains(&n) && Some(n) == asked),
                Err(err) => prop_assert_eq!(err.field, "limit"),
            }
        }
    }
}
