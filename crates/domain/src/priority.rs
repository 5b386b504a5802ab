//! How urgent a piece of work is, lowest first. Unless someone says otherwise, work is
//! of medium priority: neither pushed aside nor jumping the queue.

use crate::{parsed_from_field, vocabulary};

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

parsed_from_field!(Priority, "priority");

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
