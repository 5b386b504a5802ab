//! Design review of a file's versions: comments pinned to a point or a rectangle, threaded
//! and resolved (`comments`); each reviewer's decision and the people asked for one
//! (`decisions`). Anyone who may see the project reads them; leads, editors and reviewers
//! comment (`Comment`); leads and reviewers decide (`DecideReview`). What happens is recorded
//! in the project's activity, told live to its room (`review:comment`, `review:decision`),
//! and notified to the people it concerns who may still see the project.

mod comments;
mod decisions;
pub mod pins;
pub mod views;

pub use comments::{CommentChange, NewReviewComment};

use fluxstudio_domain::{NotificationKind, permissions::ProjectAction};
use fluxstudio_store::{
    DbId,
    files::{self, VersionRow},
};
use fluxstudio_workspace::WorkspaceError;

use crate::{FileError, Files, library::Opened};

/// What a notification about a version says and carries.
struct Notice<'a> {
    kind: NotificationKind,
    title: String,
    data: serde_json::Value,
    /// Whoever did it: never told of their own doing.
    actor: DbId,
    opened: &'a Opened,
}

impl<'a> Notice<'a> {
    fn new(
        opened: &'a Opened,
        version: &VersionRow,
        actor: DbId,
        kind: NotificationKind,
        title: String,
        comment: Option<DbId>,
    ) -> Self {
        let file = &opened.listed.file;
        let mut data = serde_json::json!({
            "projectId": file.project_id.0, "fileId": file.id.0, "version": version.number,
            "actorId": actor.0,
        });
        if let Some(comment) = comment {
            data["commentId"] = serde_json::json!(comment.0);
        }
        Self {
            kind,
            title,
            data,
            actor,
            opened,
        }
    }
}

impl Files {
    /// Tells each of `people` of `notice`, once across calls sharing `told`: never its
    /// actor, and only those who may still see the project.
    async fn tell(&self, notice: &Notice<'_>, people: &[DbId], told: &mut Vec<DbId>) {
        let project = &notice.opened.project.project;
        for &person in people {
            if person == notice.actor || told.contains(&person) {
                continue;
            }
            told.push(person);
            let sees = self
                .workspace()
                .project_for(person, project.id, ProjectAction::View, "")
                .await
                .is_ok();
            if sees {
                self.workspace()
                    .notify(
                        person,
                        notice.kind,
                        &notice.title,
                        &project.name,
                        &notice.data,
                    )
                    .await;
            }
        }
    }

    /// Version `id` as it stands now (its review state changes with decisions).
    async fn version_row(&self, id: DbId) -> Result<VersionRow, FileError> {
        Ok(files::version_by_id(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("version"))?)
    }

    /// Records a review activity on `version` of the opened file.
    async fn record_review(
        &self,
        opened: &Opened,
        actor: DbId,
        action: &str,
        version: &VersionRow,
        metadata: serde_json::Value,
    ) {
        let mut metadata = metadata;
        metadata["version"] = serde_json::json!(version.number);
        let file = &opened.listed.file;
        self.record(
            &opened.project,
            actor,
            action,
            file.id,
            &file.name,
            Some(metadata),
        )
        .await;
    }
}

/// How a notification names a version: `"poster.png" v2`.
fn named(opened: &Opened, version: &VersionRow) -> String {
    format!("\"{}\" v{}", opened.listed.file.name, version.number)
}
