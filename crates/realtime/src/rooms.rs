//! Namespace paths and room names, in one place.

use uuid::Uuid;

pub const MESSAGING: &str = "/messaging";
/// The board namespace answers at both paths (PRODUCT.md: "`/` or `/projects`").
pub const PROJECTS: [&str; 2] = ["/", "/projects"];
pub const NOTIFICATIONS: &str = "/notifications";
/// Every namespace; each socket of every one is in its person's room.
pub const ALL: [&str; 4] = [MESSAGING, PROJECTS[0], PROJECTS[1], NOTIFICATIONS];

const CONVERSATION: &str = "conversation:";
const PROJECT: &str = "project:";

pub fn conversation(id: Uuid) -> String {
    format!("{CONVERSATION}{id}")
}

pub fn project(id: Uuid) -> String {
    format!("{PROJECT}{id}")
}

pub fn user(id: Uuid) -> String {
    format!("user:{id}")
}

/// The conversation a room is for, if it is a conversation's room.
pub fn conversation_of(room: &str) -> Option<Uuid> {
    room.strip_prefix(CONVERSATION)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_names_read_back() {
        let id = Uuid::now_v7();
        assert_eq!(conversation_of(&conversation(id)), Some(id));
        assert_eq!(conversation_of(&project(id)), None);
    }
}
