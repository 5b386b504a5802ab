//! `docs/PERMISSIONS.md` must show the tables these tests check, row for row, so the
//! document people read cannot drift from the code that decides.

use super::super::{OrgAction, ProjectAction};
use super::{Access, cell, org, project};

const DOC: &str = include_str!("../../../../../docs/PERMISSIONS.md");

/// The body rows of the first table after the heading `heading`, each as its trimmed cells
/// without backticks.
fn table(heading: &str) -> Vec<Vec<String>> {
    let mut lines = DOC.lines().skip_while(|line| line.trim() != heading);
    assert!(
        lines.next().is_some(),
        "docs/PERMISSIONS.md has no heading {heading:?}"
    );
    lines
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2) // the heading row and the |---| row
        .map(|line| {
            line.trim()
                .trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().replace('`', ""))
                .collect()
        })
        .collect()
}

fn row<const N: usize>(label: impl Into<String>, answers: [Access; N]) -> Vec<String> {
    let mut row = vec![label.into()];
    row.extend(answers.map(|access| cell(access).to_owned()));
    row
}

fn assert_table(heading: &str, expected: Vec<Vec<String>>) {
    assert_eq!(
        table(heading),
        expected,
        "docs/PERMISSIONS.md, {heading:?}: the table differs from the tests' (change both)"
    );
}

fn org_label(action: OrgAction) -> String {
    match action {
        OrgAction::Invite { role } => role.to_string(),
        OrgAction::ChangeRole { from, to } => format!("{from} → {to}"),
        OrgAction::RemoveMember { target } => target.to_string(),
        plain => format!("{plain:?}"),
    }
}

fn project_label(action: ProjectAction) -> String {
    format!("{action:?}")
}

#[test]
fn organization_tables_match_the_document() {
    let rows = |table: Vec<(OrgAction, [Access; 5])>| {
        table
            .into_iter()
            .map(|(action, answers)| row(org_label(action), answers))
            .collect::<Vec<_>>()
    };
    let every = org::every_row();
    let (plain, rest) = every.split_at(org::ACTIONS.len());
    let (invite, rest) = rest.split_at(org::INVITE.len());
    let (change, remove) = rest.split_at(org::CHANGE_ROLE.len());
    assert_table("### Organization actions", rows(plain.to_vec()));
    assert_table("### Inviting", rows(invite.to_vec()));
    assert_table("### Changing a role", rows(change.to_vec()));
    assert_table("### Removing a member", rows(remove.to_vec()));
}

#[test]
fn project_tables_match_the_document() {
    let names = |standings: [project::Standing; 5]| {
        standings.map(|standing| {
            let (_, name) = project::STANDINGS
                .iter()
                .find(|(s, _)| *s == standing)
                .unwrap();
            (*name).to_owned()
        })
    };
    let who = project::WHO_ACTS_AS_WHAT
        .iter()
        .map(|&(org_role, standings)| {
            let mut row = vec![org_role.map_or("not a member", |r| r.as_str()).to_owned()];
            row.extend(names(standings));
            row
        })
        .collect();
    assert_table("### Who acts as what", who);
    let actions = project::ACTIONS
        .iter()
        .map(|&(action, answers)| row(project_label(action), answers))
        .collect();
    assert_table("### Project actions", actions);
}

#[test]
fn column_headings_match_the_document() {
    let heading_row = |heading: &str| -> Vec<String> {
        DOC.lines()
            .skip_while(|line| line.trim() != heading)
            .find(|line| line.starts_with('|'))
            .unwrap_or_default()
            .trim()
            .trim_matches('|')
            .split('|')
            .skip(1)
            .map(|cell| cell.trim().replace('`', ""))
            .collect()
    };
    let org_columns = ["not a member", "owner", "admin", "member", "client"];
    for heading in [
        "### Organization actions",
        "### Inviting",
        "### Changing a role",
        "### Removing a member",
    ] {
        assert_eq!(heading_row(heading), org_columns, "{heading}");
    }
    assert_eq!(
        heading_row("### Who acts as what"),
        ["none", "lead", "editor", "reviewer", "viewer"]
    );
    let standings = project::STANDINGS.map(|(_, name)| name);
    assert_eq!(heading_row("### Project actions"), standings);
}
