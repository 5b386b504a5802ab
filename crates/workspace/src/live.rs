//! Telling the real-time layer what changed, after it is committed. Workspace events name
//! what changed and carry ids, not whole records: a board that hears `task:moved`
//! refetches what it shows, so the REST views stay the only shapes to keep right.

use fluxstudio_events::{Audience, Event};
use fluxstudio_store::{DbId, workspace::activities::NewActivity};
use serde_json::json;

use crate::Workspace;

/// The live event for an activity on a project, by the activity's action.
fn event_name(action: &str) -> Option<&'static str> {
    Some(match action {
        "task.created" => "task:created",
        "task.updated" | "task.file_attached" | "task.file_detached" => "task:updated",
        "task.moved" => "task:moved",
        "task.deleted" => "task:deleted",
        "milestone.created" => "milestone:created",
        "milestone.updated" => "milestone:updated",
        "milestone.deleted" => "milestone:deleted",
        "comment.created" => "comment:created",
        "comment.edited" => "comment:updated",
        "comment.deleted" => "comment:deleted",
        "file.created" => "file:created",
        "file.version_added" => "file:version",
        "file.renamed" => "file:updated",
        "file.deleted" => "file:deleted",
        "review.commented"
        | "review.comment_edited"
        | "review.comment_deleted"
        | "review.comment_resolved"
        | "review.comment_reopened" => "review:comment",
        "review.decided" => "review:decision",
        _ => return None,
    })
}

impl Workspace {
    /// Publishes a recorded activity to its project's room: as `activity:new`, and as the
    /// specific event a board listens for.
    pub(crate) fn publish_activity(&self, id: DbId, activity: &NewActivity<'_>) {
        let Some(project) = activity.project else {
            return;
        };
        let room = Audience::Project(project.0);
        let payload = json!({
            "id": id.0,
            "projectId": project.0,
            "actorId": activity.actor.0,
            "action": activity.action,
            "entityType": activity.entity_type,
            "entityId": activity.entity_id.map(|e| e.0),
            "entityTitle": activity.entity_title,
            "metadata": activity.metadata,
        });
        if let Some(name) = event_name(activity.action) {
            self.bus().publish(Event::emit(room, name, payload.clone()));
        }
        self.bus()
            .publish(Event::emit(room, "activity:new", payload));
    }

    /// A new notification and the new unread count, to every device of its person.
    pub(crate) fn publish_notification(&self, user: DbId, payload: serde_json::Value) {
        self.bus().publish(Event::emit(
            Audience::User(user.0),
            "notification:new",
            payload,
        ));
    }

    /// The unread count changed without a new notification (marked read, deleted).
    pub(crate) fn publish_unread_count(&self, user: DbId, unread: i64) {
        self.bus().publish(Event::emit(
            Audience::User(user.0),
            "notification:count",
            json!({ "unreadCount": unread }),
        ));
    }

    /// `user` may have lost access to rooms: the real-time layer checks again.
    pub(crate) fn publish_access_changed(&self, user: DbId) {
        self.bus().publish(Event::AccessChanged { user: user.0 });
    }

    /// A project is gone: everyone looking at it leaves its room.
    pub(crate) fn publish_project_closed(&self, project: DbId) {
        for audience in [
            Audience::Project(project.0),
            Audience::Conversation(project.0),
        ] {
            self.bus().publish(Event::Closed { audience });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn board_changes_have_live_names_and_others_do_not() {
        assert_eq!(super::event_name("task.moved"), Some("task:moved"));
        assert_eq!(super::event_name("comment.edited"), Some("comment:updated"));
        assert_eq!(super::event_name("member.joined"), None);
    }
}
