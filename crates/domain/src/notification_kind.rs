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
        /// Someone asked for their review of a version of a file.
        ReviewRequested = "review_requested",
        /// A reviewer approved, or asked for changes to, a version they uploaded or a file
        /// of a project they lead.
        ReviewDecision = "review_decision",
        /// Someone commented on a version of a file they uploaded.
        ReviewCommented = "review_commented",
    }
}
