//! Numbered sequences: each conversation's messages and each document's stored updates.

use std::collections::BTreeMap;

use super::{
    report::{Check, EXAMPLES, Finding},
    snapshot::{Snapshot, offending, shown},
};

/// Where a numbered sequence breaks, from a number and the one before it (`LAG`, over
/// the numbers above the sequence's floor, in order).
pub(super) fn describe_break(previous: i64, seq: i64) -> String {
    if seq == previous {
        format!("{seq} twice")
    } else {
        format!("missing {}", range(previous + 1, seq - 1))
    }
}

/// `5` or `5..9`.
pub(super) fn range(from: i64, to: i64) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}..{to}")
    }
}

/// Breaks found by a `LAG` query, `(owner, previous, seq)`, grouped by owner.
pub(super) fn breaks_by_owner(rows: Vec<(String, i64, i64)>) -> BTreeMap<String, Vec<String>> {
    let mut by_owner: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (owner, previous, seq) in rows {
        by_owner
            .entry(owner)
            .or_default()
            .push(describe_break(previous, seq));
    }
    by_owner
}

/// The end of a sequence against its counter: numbers handed out but missing at the end,
/// or rows numbered past the counter.
pub(super) fn tail(newest: i64, last: i64) -> Option<String> {
    if newest < last {
        Some(format!("missing {}", range(newest + 1, last)))
    } else if newest > last {
        Some(format!("numbered past last_seq, up to {newest}"))
    } else {
        None
    }
}

/// At most a few of a line's problems, and how many more there are.
pub(super) fn summarize(mut problems: Vec<String>) -> String {
    const SHOWN: usize = 8;
    let more = problems.len().saturating_sub(SHOWN);
    problems.truncate(SHOWN);
    let mut text = problems.join(", ");
    if more > 0 {
        text.push_str(&format!(", and {more} more"));
    }
    text
}

/// Rows of the `LAG` queries read at most: enough to describe the examples.
pub(super) const BREAKS_READ: usize = 1000;

pub(super) async fn message_numbers(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let conversations = snapshot
        .count("SELECT COUNT(*) FROM conversations".to_owned())
        .await?;
    let messages = snapshot
        .count("SELECT COUNT(*) FROM messages".to_owned())
        .await?;
    // Numbers 1…last_seq, each once: as many rows as last_seq, as many distinct numbers,
    // none below 1 and the newest last_seq.
    let flagged: Vec<(String, i64, i64, i64, i64)> = snapshot
        .rows(
            "SELECT CAST(c.id AS TEXT), c.last_seq, COUNT(m.seq), \
             COALESCE(SUM(CASE WHEN m.seq < 1 THEN 1 ELSE 0 END), 0), \
             COALESCE(MAX(CASE WHEN m.seq >= 1 THEN m.seq END), 0) \
             FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id \
             GROUP BY c.id, c.last_seq \
             HAVING COUNT(m.seq) <> c.last_seq OR COUNT(DISTINCT m.seq) <> c.last_seq \
             OR COALESCE(MIN(m.seq), 1) < 1 OR COALESCE(MAX(m.seq), 0) <> c.last_seq \
             ORDER BY 1"
                .to_owned(),
        )
        .await?;
    let mut findings = Vec::new();
    if !flagged.is_empty() {
        let breaks: Vec<(String, i64, i64)> = snapshot
            .rows(format!(
                "SELECT CAST(g.conversation_id AS TEXT), g.previous, g.seq FROM (\
                 SELECT conversation_id, seq, \
                 LAG(seq, 1, 0) OVER (PARTITION BY conversation_id ORDER BY seq) AS previous \
                 FROM messages WHERE seq >= 1) g \
                 WHERE g.seq <> g.previous + 1 ORDER BY 1, 3 LIMIT {BREAKS_READ}"
            ))
            .await?;
        let mut breaks = breaks_by_owner(breaks);
        findings.push(Finding {
            rule: "conversations: messages numbered 1…last_seq, each number once".to_owned(),
            count: flagged.len() as i64,
            examples: flagged
                .iter()
                .take(EXAMPLES)
                .map(|(id, last, rows, below, newest)| {
                    let mut problems = Vec::new();
                    if *below > 0 {
                        problems.push(format!("{below} numbered below 1"));
                    }
                    problems.extend(breaks.remove(id).unwrap_or_default());
                    problems.extend(tail(*newest, *last));
                    format!(
                        "conversation {id}: last_seq {last}, {rows} messages: {}",
                        summarize(problems)
                    )
                })
                .collect(),
        });
    }
    if let Some(finding) = offending(
        snapshot,
        "conversation_participants.last_read_seq → 0…the conversation's last_seq".to_owned(),
        "conversation_participants",
        shown(&["conversation_id", "user_id", "last_read_seq"]),
        "c.last_read_seq < 0 OR EXISTS (SELECT 1 FROM conversations p \
         WHERE p.id = c.conversation_id AND c.last_read_seq > p.last_seq)",
    )
    .await?
    {
        findings.push(finding);
    }
    Ok(Check {
        name: "message-seq",
        looks_for: "gaps and duplicates in each conversation's message numbers",
        examined: format!("{conversations} conversations, {messages} messages"),
        findings,
    })
}

pub(super) async fn document_updates(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let documents = snapshot
        .count("SELECT COUNT(*) FROM documents".to_owned())
        .await?;
    let updates = snapshot
        .count("SELECT COUNT(*) FROM document_updates".to_owned())
        .await?;
    // (document_id, seq) is the primary key, so as many rows as last_seq - state_seq, none
    // at or below state_seq and the newest last_seq is exactly state_seq+1…last_seq.
    let flagged: Vec<(String, i64, i64, i64, i64, i64)> = snapshot
        .rows(
            "SELECT CAST(d.id AS TEXT), d.state_seq, d.last_seq, COUNT(u.seq), \
             COALESCE(SUM(CASE WHEN u.seq <= d.state_seq THEN 1 ELSE 0 END), 0), \
             COALESCE(MAX(CASE WHEN u.seq > d.state_seq THEN u.seq END), d.state_seq) \
             FROM documents d LEFT JOIN document_updates u ON u.document_id = d.id \
             GROUP BY d.id, d.state_seq, d.last_seq \
             HAVING d.state_seq < 0 OR d.state_seq > d.last_seq \
             OR COUNT(u.seq) <> d.last_seq - d.state_seq \
             OR COALESCE(MIN(u.seq), d.state_seq + 1) <= d.state_seq \
             OR COALESCE(MAX(u.seq), d.last_seq) <> d.last_seq \
             ORDER BY 1"
                .to_owned(),
        )
        .await?;
    let mut findings = Vec::new();
    if !flagged.is_empty() {
        let breaks: Vec<(String, i64, i64)> = snapshot
            .rows(format!(
                "SELECT CAST(g.document_id AS TEXT), g.previous, g.seq FROM (\
                 SELECT u.document_id, u.seq, LAG(u.seq, 1, d.state_seq) \
                 OVER (PARTITION BY u.document_id ORDER BY u.seq) AS previous \
                 FROM document_updates u JOIN documents d ON d.id = u.document_id \
                 WHERE u.seq > d.state_seq) g \
                 WHERE g.seq <> g.previous + 1 ORDER BY 1, 3 LIMIT {BREAKS_READ}"
            ))
            .await?;
        let mut breaks = breaks_by_owner(breaks);
        findings.push(Finding {
            rule: "documents: updates stored exactly state_seq+1…last_seq".to_owned(),
            count: flagged.len() as i64,
            examples: flagged
                .iter()
                .take(EXAMPLES)
                .map(|(id, state, last, rows, behind, newest)| {
                    let mut problems = Vec::new();
                    if *state < 0 || state > last {
                        problems.push(format!("state_seq {state} outside 0…last_seq"));
                    }
                    if *behind > 0 {
                        problems.push(format!(
                            "{behind} at or below state_seq (left by a compaction)"
                        ));
                    }
                    problems.extend(breaks.remove(id).unwrap_or_default());
                    if state <= last {
                        problems.extend(tail(*newest, *last));
                    }
                    format!(
                        "document {id}: state_seq {state}, last_seq {last}, {rows} update rows: {}",
                        summarize(problems)
                    )
                })
                .collect(),
        });
    }
    if let Some(finding) = offending(
        snapshot,
        "document_snapshots.upto_seq → 0…the document's last_seq".to_owned(),
        "document_snapshots",
        shown(&["id", "document_id", "upto_seq"]),
        "c.upto_seq < 0 OR EXISTS (SELECT 1 FROM documents p \
         WHERE p.id = c.document_id AND c.upto_seq > p.last_seq)",
    )
    .await?
    {
        findings.push(finding);
    }
    Ok(Check {
        name: "document-updates",
        looks_for: "document updates lost, left behind by a compaction, or past the counter",
        examined: format!("{documents} documents, {updates} update rows"),
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_name_what_is_missing_or_repeated() {
        assert_eq!(describe_break(2, 5), "missing 3..4");
        assert_eq!(describe_break(2, 4), "missing 3");
        assert_eq!(describe_break(3, 3), "3 twice");
        assert_eq!(tail(4, 6), Some("missing 5..6".to_owned()));
        assert_eq!(tail(0, 2), Some("missing 1..2".to_owned()));
        assert_eq!(tail(3, 3), None);
        assert_eq!(
            tail(9, 3),
            Some("numbered past last_seq, up to 9".to_owned())
        );
    }

    #[test]
    fn long_lists_are_cut() {
        let problems: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        assert_eq!(summarize(problems), "0, 1, 2, 3, 4, 5, 6, 7, and 2 more");
    }
}
