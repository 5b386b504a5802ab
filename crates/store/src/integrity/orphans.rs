//! Orphans (a parent gone) and references out of scope (a parent of somewhere else).

use std::collections::BTreeMap;

use super::{
    catalogue::ForeignKey,
    report::Check,
    snapshot::{Snapshot, ident, offending, shown},
};
use crate::Backend;

/// A reference no declared foreign key enforces: `when` selects the rows of `table`
/// (as `c`) that break it.
pub(super) struct Rule {
    rule: &'static str,
    table: &'static str,
    /// Columns shown for each offending row.
    show: &'static [&'static str],
    when: Sql,
}

pub(super) enum Sql {
    Both(&'static str),
    PerBackend {
        sqlite: &'static str,
        postgres: &'static str,
    },
}

impl Sql {
    fn get(&self, backend: Backend) -> &'static str {
        match (self, backend) {
            (Self::Both(sql), _) => sql,
            (Self::PerBackend { sqlite, .. }, Backend::Sqlite) => sqlite,
            (Self::PerBackend { postgres, .. }, Backend::Postgres) => postgres,
        }
    }
}

/// References that are ids in a column without a declared key, and so whose parent can go
/// without the database noticing.
pub(super) const UNDECLARED: &[Rule] = &[
    Rule {
        rule: "conversations.activity_id → one of the conversation's messages, or itself",
        table: "conversations",
        show: &["id", "activity_id"],
        when: Sql::Both(
            "c.activity_id <> c.id AND NOT EXISTS (SELECT 1 FROM messages p \
             WHERE p.id = c.activity_id AND p.conversation_id = c.id)",
        ),
    },
    Rule {
        rule: "conversations.id of a project's channel → its project (the same id)",
        table: "conversations",
        show: &["id", "project_id"],
        when: Sql::Both("c.kind = 'project' AND (c.project_id IS NULL OR c.project_id <> c.id)"),
    },
    Rule {
        rule: "projects.id → the project's channel (conversations.id)",
        table: "projects",
        show: &["id"],
        when: Sql::Both(
            "NOT EXISTS (SELECT 1 FROM conversations p WHERE p.id = c.id AND p.kind = 'project')",
        ),
    },
    Rule {
        rule: "conversations.direct_key → the two people (users.id)",
        table: "conversations",
        show: &["id", "direct_key"],
        when: Sql::PerBackend {
            sqlite: "c.direct_key IS NOT NULL AND (\
                 substr(c.direct_key, 1, instr(c.direct_key, ':') - 1) NOT IN (SELECT id FROM users) \
                 OR substr(c.direct_key, instr(c.direct_key, ':') + 1) NOT IN (SELECT id FROM users))",
            postgres: "c.direct_key IS NOT NULL AND (\
                 split_part(c.direct_key, ':', 1) NOT IN (SELECT CAST(id AS TEXT) FROM users) \
                 OR split_part(c.direct_key, ':', 2) NOT IN (SELECT CAST(id AS TEXT) FROM users))",
        },
    },
];

/// References whose parent must be in the same place as the row, and parts people may
/// hold only as members. Rows whose parent is gone altogether are orphans, not listed here.
pub(super) const SCOPED: &[Rule] = &[
    Rule {
        rule: "messages.parent_id → a message of the same conversation",
        table: "messages",
        show: &["id", "conversation_id", "parent_id"],
        when: Sql::Both(
            "c.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM messages p \
             WHERE p.id = c.parent_id AND p.conversation_id <> c.conversation_id)",
        ),
    },
    Rule {
        rule: "tasks.milestone_id → a milestone of the task's project",
        table: "tasks",
        show: &["id", "project_id", "milestone_id"],
        when: Sql::Both(
            "c.milestone_id IS NOT NULL AND EXISTS (SELECT 1 FROM milestones p \
             WHERE p.id = c.milestone_id AND p.project_id <> c.project_id)",
        ),
    },
    Rule {
        rule: "projects.team_id → a team of the project's organization",
        table: "projects",
        show: &["id", "organization_id", "team_id"],
        when: Sql::Both(
            "c.team_id IS NOT NULL AND EXISTS (SELECT 1 FROM teams p \
             WHERE p.id = c.team_id AND p.organization_id <> c.organization_id)",
        ),
    },
    Rule {
        rule: "activities.project_id → a project of the activity's organization",
        table: "activities",
        show: &["id", "organization_id", "project_id"],
        when: Sql::Both(
            "c.project_id IS NOT NULL AND EXISTS (SELECT 1 FROM projects p \
             WHERE p.id = c.project_id AND p.organization_id <> c.organization_id)",
        ),
    },
    Rule {
        rule: "tasks.assignee_id → a member of the task's project (project_members)",
        table: "tasks",
        show: &["id", "project_id", "assignee_id"],
        when: Sql::Both(
            "c.assignee_id IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = c.assignee_id) \
             AND NOT EXISTS (SELECT 1 FROM project_members p \
             WHERE p.project_id = c.project_id AND p.user_id = c.assignee_id)",
        ),
    },
    Rule {
        rule: "project_members.user_id → a member of the project's organization",
        table: "project_members",
        show: &["project_id", "user_id"],
        when: Sql::Both(
            "EXISTS (SELECT 1 FROM projects x WHERE x.id = c.project_id) \
             AND NOT EXISTS (SELECT 1 FROM projects x JOIN organization_members p \
             ON p.organization_id = x.organization_id \
             WHERE x.id = c.project_id AND p.user_id = c.user_id)",
        ),
    },
    Rule {
        rule: "team_members.user_id → a member of the team's organization",
        table: "team_members",
        show: &["team_id", "user_id"],
        when: Sql::Both(
            "EXISTS (SELECT 1 FROM teams x WHERE x.id = c.team_id) \
             AND NOT EXISTS (SELECT 1 FROM teams x JOIN organization_members p \
             ON p.organization_id = x.organization_id \
             WHERE x.id = c.team_id AND p.user_id = c.user_id)",
        ),
    },
];

pub(super) async fn orphans(
    snapshot: &mut Snapshot,
    keys: &BTreeMap<String, Vec<String>>,
    foreign_keys: &[ForeignKey],
) -> Result<Check, sqlx::Error> {
    let backend = snapshot.backend();
    let mut findings = Vec::new();
    for key in foreign_keys {
        let present = key
            .columns
            .iter()
            .map(|column| format!("c.{} IS NOT NULL", ident(column)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let matches = key
            .columns
            .iter()
            .zip(&key.parent_columns)
            .map(|(column, parent)| format!("p.{} = c.{}", ident(parent), ident(column)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let when = format!(
            "{present} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {matches})",
            ident(&key.parent)
        );
        let mut show: Vec<&str> = keys
            .get(&key.table)
            .map(|k| k.iter().map(String::as_str).collect())
            .unwrap_or_default();
        for column in &key.columns {
            if !show.contains(&column.as_str()) {
                show.push(column);
            }
        }
        if let Some(finding) =
            offending(snapshot, key.rule(), &key.table, shown(&show), &when).await?
        {
            findings.push(finding);
        }
    }
    for rule in UNDECLARED {
        if let Some(finding) = offending(
            snapshot,
            rule.rule.to_owned(),
            rule.table,
            shown(rule.show),
            rule.when.get(backend),
        )
        .await?
        {
            findings.push(finding);
        }
    }
    Ok(Check {
        name: "orphans",
        looks_for: "rows whose parent is gone",
        examined: format!(
            "{} declared foreign keys, {} undeclared references",
            foreign_keys.len(),
            UNDECLARED.len()
        ),
        findings,
    })
}

pub(super) async fn scope(snapshot: &mut Snapshot) -> Result<Check, sqlx::Error> {
    let backend = snapshot.backend();
    let mut findings = Vec::new();
    for rule in SCOPED {
        if let Some(finding) = offending(
            snapshot,
            rule.rule.to_owned(),
            rule.table,
            shown(rule.show),
            rule.when.get(backend),
        )
        .await?
        {
            findings.push(finding);
        }
    }
    Ok(Check {
        name: "scope",
        looks_for: "references to a parent elsewhere, and parts held by non-members",
        examined: format!("{} references", SCOPED.len()),
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Backend;

    #[test]
    fn every_rule_reads_for_both_engines() {
        for rule in UNDECLARED.iter().chain(SCOPED) {
            for backend in [Backend::Sqlite, Backend::Postgres] {
                assert!(!rule.when.get(backend).is_empty(), "{}", rule.rule);
            }
            assert!(!rule.show.is_empty(), "{}", rule.rule);
        }
    }
}
