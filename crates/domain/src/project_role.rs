//! A person's role on one project, from most to least able: `lead` runs the project,
//! `editor` does the work, `reviewer` comments, `viewer` looks. Organization owners and
//! admins act as lead on every project without one (see `permissions`).
//!
//! No `Default`: a role grants rights, so whoever grants one names it.

use crate::{parsed_from_field, vocabulary};

vocabulary! {
    pub enum ProjectRole {
        Lead = "lead",
        Editor = "editor",
        Reviewer = "reviewer",
        Viewer = "viewer",
    }
}

parsed_from_field!(ProjectRole, "role");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_words_and_refusals_name_them() {
        for role in ProjectRole::ALL {
            assert_eq!(role.as_str().parse(), Ok(*role));
        }
        assert_eq!(ProjectRole::WORDS, ["lead", "editor", "reviewer", "viewer"]);
        let err = "owner".parse::<ProjectRole>().unwrap_err();
        assert_eq!(err.field, "role");
        assert_eq!(
            err.message,
            "\"owner\" is not one of: lead, editor, reviewer, viewer."
        );
    }
}
