//! What a check reports: each rule's findings, with examples and a count.

use crate::Backend;

/// Rows shown per finding; the count says how many there are in all.
pub const EXAMPLES: usize = 10;

/// Problems found by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule broken, e.g. `messages.conversation_id → conversations.id`.
    pub rule: String,
    /// How many rows (conversations, positions, documents) break it.
    pub count: i64,
    /// Up to [`EXAMPLES`] of them, one line each.
    pub examples: Vec<String>,
}

/// One check of the report.
#[derive(Debug, Clone)]
pub struct Check {
    /// Its name in the report: `orphans`, `scope`, `message-seq`, …
    pub name: &'static str,
    /// What it looks for, for a person reading the report.
    pub looks_for: &'static str,
    /// What it went through, e.g. "57 relations" or "12 conversations, 340 messages".
    pub examined: String,
    pub findings: Vec<Finding>,
}

impl Check {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub backend: Backend,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.checks.iter().all(Check::is_clean)
    }
}
