//! Comments on tasks: written by anyone on the project but viewers, edited and deleted by
//! their author; the people mentioned and the task's assignee are notified.

use fluxstudio_domain::{Invalid, NotificationKind, limits, permissions::ProjectAction};
use fluxstudio_store::{
    DbId,
    workspace::{
        comments,
        notifications::{self, NewNotification},
        project_members,
        projects::VisibleProject,
        tasks::TaskRow,
    },
};

use crate::{CommentView, Workspace, WorkspaceError, service::now};

const BODY_MAX: usize = limits::COMMENT_CHARS;
const COMMENT: &str = "Only the project's leads, editors and reviewers can comment.";
const MENTIONS_MAX: usize = limits::MENTIONS;

/// A comment: not blank, at most `BODY_MAX` characters as sent; kept trimmed. Comments on
/// files' versions (design review) follow the same rule.
pub fn comment_text(raw: &str) -> Result<&str, Invalid> {
    let text = raw.trim();
    if text.is_empty() || raw.chars().count() > BODY_MAX {
        return Err(Invalid::new(
            "body",
            format!("Write 1 to {BODY_MAX} characters."),
        ));
    }
    Ok(text)
}

impl Workspace {
    pub async fn comments(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        after: Option<DbId>,
        limit: i64,
    ) -> Result<Vec<CommentView>, WorkspaceError> {
        self.project_for(user, project, ProjectAction::View, "")
            .await?;
        self.task_row(project, task).await?;
        let rows = comments::page(self.db(), task, after, limit).await?;
        Ok(rows.into_iter().map(CommentView::from).collect())
    }

    /// Adds a comment. `mentions` must be people on the project; they are notified, and
    /// so is the task's assignee.
    pub async fn comment(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        text: &str,
        mentions: Vec<DbId>,
    ) -> Result<CommentView, WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::Comment, COMMENT)
            .await?;
        let task = self.task_row(project, task).await?;
        let text = comment_text(text)?;
        let mentioned = self.mentionable(project, mentions).await?;
        let ids: Vec<uuid::Uuid> = mentioned.iter().map(|m| m.0).collect();
        let id = comments::insert(self.db(), task.id, user, text, &ids, now()).await?;
        let comment = comments::by_id(self.db(), task.id, id)
            .await?
            .ok_or(WorkspaceError::NotFound("comment"))?;
        self.comment_activity(&visible, user, &task, id, "comment.created")
            .await;
        self.notify_comment(&visible, &task, user, &mentioned, id)
            .await;
        Ok(comment.into())
    }

    /// The people `mentions` names, once each, when every one of them is on `project` and
    /// they are few enough to notify.
    pub async fn mentionable(
        &self,
        project: DbId,
        mentions: Vec<DbId>,
    ) -> Result<Vec<DbId>, WorkspaceError> {
        if mentions.len() > MENTIONS_MAX {
            return Err(Invalid::new(
                "mentions",
                format!("Mention at most {MENTIONS_MAX} people."),
            )
            .into());
        }
        let mut mentioned: Vec<DbId> = Vec::new();
        for person in mentions {
            if project_members::role_of(self.db(), project, person)
                .await?
                .is_none()
            {
                return Err(WorkspaceError::NoSuch(Invalid::new(
                    "mentions",
                    "Mention only people on the project.",
                )));
            }
            if !mentioned.contains(&person) {
                mentioned.push(person);
            }
        }
        Ok(mentioned)
    }

    async fn notify_comment(
        &self,
        project: &VisibleProject,
        task: &TaskRow,
        author: DbId,
        mentioned: &[DbId],
        comment: DbId,
    ) {
        let data = serde_json::json!({
            "projectId": project.project.id.0, "taskId": task.id.0, "commentId": comment.0, "actorId": author.0,
        });
        let mut told = vec![author];
        for person in mentioned {
            if told.contains(person) {
                continue;
            }
            told.push(*person);
            let title = format!("You were mentioned on \"{}\"", task.title);
            self.notify(
                *person,
                NotificationKind::Mentioned,
                &title,
                &project.project.name,
                &data,
            )
            .await;
        }
        if let Some(assignee) = task.assignee_id
            && !told.contains(&assignee)
        {
            let title = format!("New comment on \"{}\"", task.title);
            self.notify(
                assignee,
                NotificationKind::TaskCommented,
                &title,
                &project.project.name,
                &data,
            )
            .await;
        }
    }

    /// Tells `user` something: stored, then pushed live with the new unread count.
    /// Failing to notify never fails what caused it; the failure is logged.
    pub async fn notify(
        &self,
        user: DbId,
        kind: NotificationKind,
        title: &str,
        body: &str,
        data: &serde_json::Value,
    ) {
        let notification = NewNotification {
            user,
            kind: kind.as_str(),
            title,
            body: Some(body),
            data: data.clone(),
        };
        let id = match notifications::insert(self.db(), &notification, now()).await {
            Ok(id) => id,
            Err(error) => {
                tracing::warn!(%error, kind = kind.as_str(), "could not create a notification");
                return;
            }
        };
        let unread = notifications::unread_count(self.db(), user)
            .await
            .unwrap_or(0);
        self.publish_notification(
            user,
            serde_json::json!({
                "notification": {
                    "id": id.0, "kind": kind.as_str(), "title": title, "body": body, "data": data,
                    "read": false, "createdAt": now(),
                },
                "unreadCount": unread,
            }),
        );
    }

    /// Edits a comment (its author only).
    pub async fn edit_comment(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        id: DbId,
        text: &str,
    ) -> Result<CommentView, WorkspaceError> {
        let (visible, task) = self.own_comment(user, project, task, id).await?;
        let text = comment_text(text)?;
        if !comments::edit(self.db(), task.id, id, text, now()).await? {
            return Err(WorkspaceError::NotFound("comment"));
        }
        self.comment_activity(&visible, user, &task, id, "comment.edited")
            .await;
        comments::by_id(self.db(), task.id, id)
            .await?
            .map(CommentView::from)
            .ok_or(WorkspaceError::NotFound("comment"))
    }

    /// Deletes a comment (its author only), leaving a tombstone.
    pub async fn delete_comment(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        id: DbId,
    ) -> Result<(), WorkspaceError> {
        let (visible, task) = self.own_comment(user, project, task, id).await?;
        if !comments::tombstone(self.db(), task.id, id, now()).await? {
            return Err(WorkspaceError::NotFound("comment"));
        }
        self.comment_activity(&visible, user, &task, id, "comment.deleted")
            .await;
        Ok(())
    }

    async fn comment_activity(
        &self,
        project: &VisibleProject,
        actor: DbId,
        task: &TaskRow,
        comment: DbId,
        action: &str,
    ) {
        let metadata = serde_json::json!({ "commentId": comment.0 });
        self.task_activity(project, actor, task, action, Some(metadata))
            .await;
    }

    /// The project and the task, when the task is the project's, `user` wrote its live
    /// comment `id` and may still comment. Each parent in the path is checked before the
    /// next is looked up, so another project's comment is not found (never changed, and
    /// its existence not told by a 403).
    async fn own_comment(
        &self,
        user: DbId,
        project: DbId,
        task: DbId,
        id: DbId,
    ) -> Result<(VisibleProject, TaskRow), WorkspaceError> {
        let (visible, _) = self
            .project_for(user, project, ProjectAction::Comment, COMMENT)
            .await?;
        let task = self.task_row(visible.project.id, task).await?;
        let comment = comments::by_id(self.db(), task.id, id)
            .await?
            .filter(|c| c.deleted_at.is_none())
            .ok_or(WorkspaceError::NotFound("comment"))?;
        if comment.author_id != Some(user) {
            return Err(WorkspaceError::Forbidden(
                "Only its author can change a comment.",
            ));
        }
        Ok((visible, task))
    }
}
