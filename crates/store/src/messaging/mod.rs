//! The rows of messaging: conversations, their participants and read positions, messages
//! numbered per conversation, their attachments, reactions, and search.

pub mod access;
pub mod attachments;
pub mod conversations;
pub mod messages;
pub mod participants;
pub mod reactions;
pub mod search;

/// `$first, $first+1, …` for `n` values bound in order: an `IN (…)` list that reads the
/// same on both databases.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_count_from_the_first() {
        assert_eq!(super::placeholders(3, 3), "$3, $4, $5");
        assert_eq!(super::placeholders(1, 0), "");
    }
}
