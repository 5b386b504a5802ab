//! Review decisions on a version, and asking people for theirs.

use chrono::Utc;
use fluxstudio_domain::{
    Invalid, NotificationKind, ReviewDecision, limits,
    permissions::{Access, ProjectAction, project_access},
};
use fluxstudio_store::{DbId, files::VersionRow, review::decisions, workspace::project_members};
use fluxstudio_workspace::WorkspaceError;

use super::{Notice, named, views::ReviewView};
use crate::{FileError, Files, library::Opened};

const DECIDE: &str = "Only the project's leads and reviewers approve or ask for changes.";
const ASK: &str =
    "Only the project's leads and editors, and whoever uploaded the file, ask for reviews.";
const NOTE_MAX: usize = limits::REVIEW_NOTE_CHARS;
const REVIEWERS_MAX: usize = limits::REVIEWERS;

/// A decision's note: at most `NOTE_MAX` characters as sent, trimmed, none when blank.
fn note(raw: Option<&str>) -> Result<Option<&str>, Invalid> {
    match raw {
        Some(raw) if raw.chars().count() > NOTE_MAX => Err(Invalid::new(
            "note",
            format!("Write at most {NOTE_MAX} characters."),
        )),
        raw => Ok(raw.map(str::trim).filter(|text| !text.is_empty())),
    }
}

fn may_decide(opened: &Opened) -> bool {
    project_access(opened.actor, ProjectAction::DecideReview) == Access::Allowed
}

impl Files {
    /// Where the review of version `number` stands.
    pub async fn review(
        &self,
        user: DbId,
        file: DbId,
        number: i64,
    ) -> Result<ReviewView, FileError> {
        let (opened, version) = self.open_version(user, file, number).await?;
        self.review_view(&opened, version).await
    }

    /// Records `user`'s decision on version `number`, replacing any earlier one of theirs,
    /// and tells its uploader and the project's leads.
    pub async fn decide_review(
        &self,
        user: DbId,
        file: DbId,
        number: i64,
        decision: ReviewDecision,
        raw_note: Option<&str>,
    ) -> Result<ReviewView, FileError> {
        let (opened, version) = self.open_version(user, file, number).await?;
        if !may_decide(&opened) {
            return Err(WorkspaceError::Forbidden(DECIDE).into());
        }
        let note = note(raw_note)?;
        decisions::decide(self.db(), version.id, user, decision, note, Utc::now()).await?;
        let view = self
            .review_view(&opened, self.version_row(version.id).await?)
            .await?;
        let metadata = serde_json::json!({
            "decision": decision.as_str(), "state": view.state.as_str(),
        });
        self.record_review(&opened, user, "review.decided", &version, metadata)
            .await;
        let title = match decision {
            ReviewDecision::Approved => format!("{} was approved", named(&opened, &version)),
            ReviewDecision::ChangesRequested => {
                format!("Changes were requested on {}", named(&opened, &version))
            }
        };
        let notice = Notice::new(
            &opened,
            &version,
            user,
            NotificationKind::ReviewDecision,
            title,
            None,
        );
        let leads = project_members::list(self.db(), opened.listed.file.project_id)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|member| member.role == fluxstudio_domain::ProjectRole::Lead)
            .map(|member| member.user_id);
        let concerned: Vec<DbId> = version.uploaded_by.into_iter().chain(leads).collect();
        self.tell(&notice, &concerned, &mut Vec::new()).await;
        Ok(view)
    }

    /// Asks `reviewers` (people on the project who may decide) for their review of version
    /// `number`; each newly asked is notified. Whoever may change the file asks. Nothing is
    /// written unless everyone named may be asked.
    pub async fn request_review(
        &self,
        user: DbId,
        file: DbId,
        number: i64,
        reviewers: Vec<DbId>,
    ) -> Result<ReviewView, FileError> {
        let (opened, version) = self.open_version(user, file, number).await?;
        if !opened.can_manage {
            return Err(WorkspaceError::Forbidden(ASK).into());
        }
        if reviewers.is_empty() || reviewers.len() > REVIEWERS_MAX {
            return Err(
                Invalid::new("reviewers", format!("Ask 1 to {REVIEWERS_MAX} people.")).into(),
            );
        }
        let mut asked: Vec<DbId> = Vec::new();
        for person in reviewers {
            if asked.contains(&person) {
                continue;
            }
            self.may_be_asked(&opened, person).await?;
            asked.push(person);
        }
        let now = Utc::now();
        let mut newly = Vec::new();
        for &person in &asked {
            if decisions::request(self.db(), version.id, person, user, now).await? {
                newly.push(person);
            }
        }
        if !newly.is_empty() {
            let ids: Vec<uuid::Uuid> = newly.iter().map(|p| p.0).collect();
            let metadata = serde_json::json!({ "reviewers": ids });
            self.record_review(&opened, user, "review.requested", &version, metadata)
                .await;
            let notice = Notice::new(
                &opened,
                &version,
                user,
                NotificationKind::ReviewRequested,
                format!("Your review is requested on {}", named(&opened, &version)),
                None,
            );
            self.tell(&notice, &newly, &mut Vec::new()).await;
        }
        self.review_view(&opened, version).await
    }

    /// Whether `person` may be asked to review in the opened file's project: someone on it
    /// (else a reference to no one there) who may decide (else not valid).
    async fn may_be_asked(&self, opened: &Opened, person: DbId) -> Result<(), FileError> {
        let project = opened.listed.file.project_id;
        match self
            .workspace()
            .project_for(person, project, ProjectAction::DecideReview, "")
            .await
        {
            Ok(_) => Ok(()),
            Err(WorkspaceError::NotFound(_)) => Err(WorkspaceError::NoSuch(Invalid::new(
                "reviewers",
                "Ask only people on the project.",
            ))
            .into()),
            Err(WorkspaceError::Forbidden(_)) => Err(Invalid::new(
                "reviewers",
                "Ask the project's reviewers and leads: others cannot decide on a version.",
            )
            .into()),
            Err(other) => Err(other.into()),
        }
    }

    async fn review_view(
        &self,
        opened: &Opened,
        version: VersionRow,
    ) -> Result<ReviewView, FileError> {
        let decided = decisions::decisions(self.db(), version.id).await?;
        let requested = decisions::requests(self.db(), version.id).await?;
        Ok(ReviewView {
            version: version.number,
            state: version.review,
            decisions: decided.into_iter().map(Into::into).collect(),
            requested: requested.into_iter().map(Into::into).collect(),
            can_decide: may_decide(opened),
            can_request: opened.can_manage,
        })
    }
}
