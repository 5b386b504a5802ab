//! What a conversation is: between two people (`direct`, one per pair), a named `group`,
//! or a `project`'s channel, whose people follow the project's.

use crate::vocabulary;

vocabulary! {
    pub enum ConversationKind {
        Direct = "direct",
        Group = "group",
        Project = "project",
    }
}
