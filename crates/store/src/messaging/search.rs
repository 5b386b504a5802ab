//! Full-text search over the messages of the conversations a person belongs to: FTS5 on
//! SQLite, a `tsvector` on PostgreSQL. Every word must match, the last as a prefix of a
//! word, so results appear while someone is still typing.

use super::{access::MINE, messages::COLUMNS, messages::MessageRow};
use crate::{Db, DbId, StoreError, read_with};

/// At most this many words of a query are searched for.
pub const MAX_TERMS: usize = 8;

/// The words of a query: runs of letters and digits, lower-cased. Anything else (quotes,
/// operators) separates words, so a query can never be read as search syntax.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(MAX_TERMS)
        .map(|word| word.chars().take(64).collect::<String>().to_lowercase())
        .collect()
}

fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Messages of `user`'s conversations (or of one) that match every term, newest first.
pub async fn messages(
    db: &Db,
    user: DbId,
    terms: &[String],
    conversation: Option<DbId>,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<MessageRow>, StoreError> {
    let mut conditions = String::new();
    if conversation.is_some() {
        conditions.push_str(" AND m.conversation_id = $3");
    }
    if before.is_some() {
        conditions.push_str(" AND m.id < $4");
    }
    let (from, matches, query) = match db {
        Db::Sqlite(_) => (
            "messages_fts f JOIN messages m ON m.search_id = f.rowid",
            "messages_fts MATCH $2",
            fts5_query(terms),
        ),
        Db::Postgres(_) => (
            "messages m",
            "m.search @@ to_tsquery('simple', $2)",
            tsquery(terms),
        ),
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "{MINE}SELECT {COLUMNS} FROM {from} LEFT JOIN users u ON u.id = m.author_id \
         WHERE {matches} AND m.deleted_at IS NULL \
         AND m.conversation_id IN (SELECT id FROM mine){conditions} \
         ORDER BY m.id DESC LIMIT $5"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(user)
        .bind(&query)
        .bind(conversation)
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_a_query_only_separates_words() {
        let words = terms(r#"Moodboard "NEAR(x)" OR-final* café"#);
        assert_eq!(words, ["moodboard", "near", "x", "or", "final", "café"]);
        assert_eq!(fts5_query(&words[..2]), r#""moodboard"* "near"*"#);
        assert_eq!(tsquery(&words[..2]), "moodboard:* & near:*");
    }

    #[test]
    fn at_most_eight_words_are_searched() {
        assert_eq!(terms("a b c d e f g h i j").len(), MAX_TERMS);
        assert!(terms(" -- ").is_empty());
    }
}
