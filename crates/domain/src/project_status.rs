//! Where a project stands. A new project is being planned until someone starts it.

use std::str::FromStr;

use crate::{Invalid, vocabulary};

vocabulary! {
    #[derive(Default)]
    pub enum ProjectStatus {
        #[default]
        Planning = "planning",
        Active = "active",
        OnHold = "on_hold",
        Completed = "completed",
        Archived = "archived",
    }
}

impl FromStr for ProjectStatus {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::from_word(s).map_err(|err| Invalid::new("status", format!("{err}.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_words_planning_first_and_refusals_name_them() {
        for status in ProjectStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(*status));
        }
        assert_eq!("on_hold".parse(), Ok(ProjectStatus::OnHold));
        assert_eq!(ProjectStatus::default(), ProjectStatus::Planning);
        let err = "on-hold".parse::<ProjectStatus>().unwrap_err();
        assert_eq!(err.field, "status");
        assert_eq!(
            err.message,
            "\"on-hold\" is not one of: planning, active, on_hold, completed, archived."
        );
    }
}
