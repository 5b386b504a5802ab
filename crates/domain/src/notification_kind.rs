//! What a notification tells someone about; clients choose its icon and link by it.

use crate::vocabulary;

vocabulary! {
    pub enum NotificationKind {
        /// A task was given to them.
        TaskAssigned = "task_assigned",
        /// Someone named them in a comment or a message.
        Mentioned = "mentioned",
        /// Someone commented on a task assigned to them.
        TaskCommented = "task_commented",
        /// They were invited to an organization.
        Invited = "invited",
        /// A project they lead changed status.
        ProjectStatus = "project_status",
    }
}
