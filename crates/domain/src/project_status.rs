//! Where a project stands. A new project is being planned until someone starts it.

use crate::{parsed_from_field, vocabulary};

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

parsed_from_field!(ProjectStatus, "status");

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
