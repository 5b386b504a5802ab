//! How urgent a piece of work is, lowest first. Unless someone says otherwise, work is
//! of medium priority: neither pushed aside nor jumping the queue.

use std::str::FromStr;

use crate::{Invalid, vocabulary};

vocabulary! {
    #[derive(Default)]
    pub enum Priority {
        Low = "low",
        #[default]
        Medium = "medium",
        High = "high",
        Urgent = "urgent",
    }
}

impl FromStr for Priority {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::from_word(s).map_err(|err| Invalid::new("priority", format!("{err}.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_words_medium_by_default_and_refusals_name_them() {
        for priority in Priority::ALL {
            assert_eq!(priority.as_str().parse(), Ok(*priority));
        }
        assert_eq!(Priority::default(), Priority::Medium);
        let err = "critical".parse::<Priority>().unwrap_err();
        assert_eq!(err.field, "priority");
        assert_eq!(
            err.message,
            "\"critical\" is not one of: low, medium, high, urgent."
        );
    }
}
