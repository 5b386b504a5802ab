//! Cursor pagination (`?limit=&cursor=` → `{items, nextCursor}`). Lists are ordered by
//! time-ordered UUIDv7 ids, so the cursor is the last id of the page, kept opaque.

use fluxstudio_domain::Invalid;
use fluxstudio_store::DbId;
use uuid::Uuid;

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

/// The id a cursor stands for.
pub fn cursor(cursor: Option<&str>) -> Result<Option<DbId>, Invalid> {
    cursor
        .map(|c| {
            Uuid::parse_str(c)
                .map(DbId)
                .map_err(|_| Invalid::new("cursor", "This cursor is not one this API gave out."))
        })
        .transpose()
}

pub fn encode(id: DbId) -> String {
    id.0.simple().to_string()
}

/// Trims a page fetched with one extra row; returns the next cursor (the last kept id)
/// when that extra row existed.
pub fn trim<T>(items: &mut Vec<T>, limit: i64, id: impl Fn(&T) -> DbId) -> Option<String> {
    let limit = usize::try_from(limit).unwrap_or(0);
    if items.len() > limit {
        items.truncate(limit);
        items.last().map(|item| encode(id(item)))
    } else {
        None
    }
}
