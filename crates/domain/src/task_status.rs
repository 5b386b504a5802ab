//! Where a task stands on the board. A new task is to do; `blocked` is a column of its own
//! so waiting work is visible rather than hidden in "in progress".

use crate::{parsed_from_field, vocabulary};

vocabulary! {
    #[derive(Default)]
    pub enum TaskStatus {
        #[default]
        Todo = "todo",
        InProgress = "in_progress",
        Review = "review",
        Done = "done",
        Blocked = "blocked",
    }
}

parsed_from_field!(TaskStatus, "status");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_words_todo_first_and_refusals_name_them() {
        for status in TaskStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(*status));
        }
        assert_eq!("in_progress".parse(), Ok(TaskStatus::InProgress));
        assert_eq!(TaskStatus::default(), TaskStatus::Todo);
        let err = "doing".parse::<TaskStatus>().unwrap_err();
        assert_eq!(err.field, "status");
        assert_eq!(
            err.message,
            "\"doing\" is not one of: todo, in_progress, review, done, blocked."
        );
    }
}
