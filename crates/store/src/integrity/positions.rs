//! Board positions: no two tasks share a place in a column.

use super::{
    report::{Check, EXAMPLES, Finding},
    snapshot::Snapshot,
};

pub(super) async fn board_positions(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let tasks = snapshot
        .count("SELECT COUNT(*) FROM tasks".to_owned())
        .await?;
    let from = "FROM tasks GROUP BY project_id, status, position HAVING COUNT(*) > 1";
    let rows: Vec<(String, String, i64, i64)> = snapshot
        .rows(format!(
            "SELECT CAST(project_id AS TEXT), status, position, COUNT(*) {from} \
             ORDER BY 1, 2, 3 LIMIT {}",
            EXAMPLES + 1
        ))
        .await?;
    let mut findings = Vec::new();
    if !rows.is_empty() {
        let count = if rows.len() > EXAMPLES {
            snapshot
                .count(format!("SELECT COUNT(*) FROM (SELECT 1 AS one {from}) d"))
                .await?
        } else {
            rows.len() as i64
        };
        findings.push(Finding {
            rule: "tasks: one task per position in a column (project, status)".to_owned(),
            count,
            examples: rows
                .into_iter()
                .take(EXAMPLES)
                .map(|(project, status, position, tasks)| {
                    format!("project {project}, column {status}: position {position} held by {tasks} tasks")
                })
                .collect(),
        });
    }
    Ok(Check {
        name: "board-positions",
        looks_for: "two tasks at one position of a column",
        examined: format!("{tasks} tasks"),
        findings,
    })
}
