//! Comments on a version: threads, pinned or not, and replies to them; edited and deleted by
//! their author, resolved and reopened by anyone who may comment.

use chrono::Utc;
use fluxstudio_domain::{
    Invalid, NotificationKind,
    permissions::{Access, ProjectAction, project_access},
};
use fluxstudio_store::{
    DbId,
    files::VersionRow,
    review::comments::{self, ReviewCommentRow},
};
use fluxstudio_workspace::{WorkspaceError, comment_text};

use super::{
    Notice, named,
    pins::{AskedPin, pin},
    views::ReviewCommentView,
};
use crate::{FileError, Files, library::Opened};

const COMMENT: &str = "Only the project's leads, editors and reviewers comment on its files.";
const AUTHOR: &str = "Only its author can change a comment.";

/// A comment as a client sends it.
#[derive(Debug, Clone)]
pub struct NewReviewComment<'a> {
    pub body: &'a str,
    pub mentions: Vec<DbId>,
    /// The thread's first comment, for a reply.
    pub parent: Option<DbId>,
    pub pin: Option<AskedPin>,
}

/// What a client changes on a comment: its text (its author), whether its thread is resolved
/// (anyone who may comment), or both.
#[derive(Debug, Clone, Copy, Default)]
pub struct CommentChange<'a> {
    pub body: Option<&'a str>,
    pub resolved: Option<bool>,
}

fn may_comment(opened: &Opened) -> bool {
    project_access(opened.actor, ProjectAction::Comment) == Access::Allowed
}

impl Files {
    /// A page of version `number`'s comments, oldest first (`fetch` at most).
    pub async fn review_comments(
        &self,
        user: DbId,
        file: DbId,
        number: i64,
        after: Option<DbId>,
        fetch: i64,
    ) -> Result<Vec<ReviewCommentView>, FileError> {
        let (opened, version) = self.open_version(user, file, number).await?;
        if let Some(after) = after {
            let on_version = comments::by_id(self.db(), file, after)
                .await?
                .is_some_and(|c| c.version_id == version.id);
            if !on_version {
                return Err(WorkspaceError::NoSuch(Invalid::new(
                    "cursor",
                    "The comment this cursor continues from is not on this version.",
                ))
                .into());
            }
        }
        let rows = comments::page(self.db(), version.id, after, fetch).await?;
        let may = may_comment(&opened);
        Ok(rows
            .into_iter()
            .map(|row| ReviewCommentView::of(row, user, may))
            .collect())
    }

    /// Adds a comment to version `number`: a new thread, pinned or not, or a reply to one.
    /// Nothing is written unless every part of it is right.
    pub async fn add_review_comment(
        &self,
        user: DbId,
        file: DbId,
        number: i64,
        new: NewReviewComment<'_>,
    ) -> Result<ReviewCommentView, FileError> {
        let (opened, version) = self.open_version(user, file, number).await?;
        if !may_comment(&opened) {
            return Err(WorkspaceError::Forbidden(COMMENT).into());
        }
        let text = comment_text(new.body)?;
        let pin = match (new.pin, new.parent) {
            (None, _) => None,
            (Some(_), Some(_)) => {
                return Err(Invalid::new("pin", "A reply is not pinned: its thread is.").into());
            }
            (Some(asked), None) => Some(pin(asked, opened.listed.file.family, version.pages)?),
        };
        let thread = match new.parent {
            Some(parent) => Some(self.thread(&version, parent).await?),
            None => None,
        };
        let mentioned = self
            .workspace()
            .mentionable(opened.listed.file.project_id, new.mentions)
            .await?;
        let ids: Vec<uuid::Uuid> = mentioned.iter().map(|m| m.0).collect();
        let comment = comments::NewReviewComment {
            version: version.id,
            parent: new.parent,
            author: user,
            body: text,
            mentions: &ids,
            pin,
        };
        let id = comments::insert(self.db(), &comment, Utc::now()).await?;
        let row = self.comment_row(file, id).await?;
        self.record_comment(&opened, user, "review.commented", &version, id)
            .await;
        self.notify_comment(&opened, &version, user, &mentioned, thread.as_ref(), id)
            .await;
        Ok(ReviewCommentView::of(row, user, true))
    }

    /// Changes a comment: its text (its author only) and whether its thread is resolved
    /// (a thread's first comment only).
    pub async fn change_review_comment(
        &self,
        user: DbId,
        file: DbId,
        id: DbId,
        change: CommentChange<'_>,
    ) -> Result<ReviewCommentView, FileError> {
        let opened = self.open(user, file, false).await?;
        if !may_comment(&opened) {
            return Err(WorkspaceError::Forbidden(COMMENT).into());
        }
        let row = self.comment_row(file, id).await?;
        if change.body.is_none() && change.resolved.is_none() {
            return Err(Invalid::new("body", "Send a new body, resolved, or both.").into());
        }
        let text = match change.body {
            Some(raw) => {
                if row.deleted_at.is_some() {
                    return Err(WorkspaceError::NotFound("comment").into());
                }
                if row.author_id != Some(user) {
                    return Err(WorkspaceError::Forbidden(AUTHOR).into());
                }
                Some(comment_text(raw)?)
            }
            None => None,
        };
        if change.resolved.is_some() && row.parent_id.is_some() {
            return Err(Invalid::new(
                "resolved",
                "A reply is not resolved: its thread's first comment is.",
            )
            .into());
        }
        let version = self.version_row(row.version_id).await?;
        let now = Utc::now();
        if let Some(text) = text
            && comments::edit(self.db(), id, text, now).await?
        {
            self.record_comment(&opened, user, "review.comment_edited", &version, id)
                .await;
        }
        if let Some(resolved) = change.resolved {
            let by = resolved.then_some(user);
            if comments::set_resolved(self.db(), id, by, now).await? {
                let action = if resolved {
                    "review.comment_resolved"
                } else {
                    "review.comment_reopened"
                };
                self.record_comment(&opened, user, action, &version, id)
                    .await;
            }
        }
        let row = self.comment_row(file, id).await?;
        Ok(ReviewCommentView::of(row, user, true))
    }

    /// Deletes a comment (its author only), leaving a tombstone in its thread.
    pub async fn delete_review_comment(
        &self,
        user: DbId,
        file: DbId,
        id: DbId,
    ) -> Result<(), FileError> {
        let opened = self.open(user, file, false).await?;
        if !may_comment(&opened) {
            return Err(WorkspaceError::Forbidden(COMMENT).into());
        }
        let row = self
            .comment_row(file, id)
            .await
            .ok()
            .filter(|row| row.deleted_at.is_none())
            .ok_or(WorkspaceError::NotFound("comment"))?;
        if row.author_id != Some(user) {
            return Err(WorkspaceError::Forbidden(AUTHOR).into());
        }
        let version = self.version_row(row.version_id).await?;
        if comments::tombstone(self.db(), id, Utc::now()).await? {
            self.record_comment(&opened, user, "review.comment_deleted", &version, id)
                .await;
        }
        Ok(())
    }

    /// Comment `id` of a version of `file`.
    async fn comment_row(&self, file: DbId, id: DbId) -> Result<ReviewCommentRow, FileError> {
        Ok(comments::by_id(self.db(), file, id)
            .await?
            .ok_or(WorkspaceError::NotFound("comment"))?)
    }

    /// The thread `parent` starts on `version`: a first comment of that version.
    async fn thread(
        &self,
        version: &VersionRow,
        parent: DbId,
    ) -> Result<ReviewCommentRow, FileError> {
        comments::by_id(self.db(), version.file_id, parent)
            .await?
            .filter(|row| row.version_id == version.id && row.parent_id.is_none())
            .ok_or_else(|| {
                WorkspaceError::NoSuch(Invalid::new(
                    "parentId",
                    "Reply to the first comment of a thread on this version.",
                ))
                .into()
            })
    }

    async fn record_comment(
        &self,
        opened: &Opened,
        actor: DbId,
        action: &str,
        version: &VersionRow,
        comment: DbId,
    ) {
        let metadata = serde_json::json!({ "commentId": comment.0 });
        self.record_review(opened, actor, action, version, metadata)
            .await;
    }

    /// Tells the people mentioned, then the version's uploader and the thread's author.
    async fn notify_comment(
        &self,
        opened: &Opened,
        version: &VersionRow,
        author: DbId,
        mentioned: &[DbId],
        thread: Option<&ReviewCommentRow>,
        comment: DbId,
    ) {
        let what = named(opened, version);
        let mut told = Vec::new();
        let mention = Notice::new(
            opened,
            version,
            author,
            NotificationKind::Mentioned,
            format!("You were mentioned on {what}"),
            Some(comment),
        );
        self.tell(&mention, mentioned, &mut told).await;
        let concerned: Vec<DbId> = version
            .uploaded_by
            .into_iter()
            .chain(thread.and_then(|t| t.author_id))
            .collect();
        let commented = Notice::new(
            opened,
            version,
            author,
            NotificationKind::ReviewCommented,
            format!("New comment on {what}"),
            Some(comment),
        );
        self.tell(&commented, &concerned, &mut told).await;
    }
}
