//! Searching text with LIKE, the same on both databases.

/// `%text%` for `LOWER(column) LIKE $n ESCAPE '\\'`: lower-cased, with the wildcards a
/// person typed (`%`, `_`) and the escape character itself matched literally. The
/// `ESCAPE` clause is needed: SQLite has no default escape character.
pub(crate) fn pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
