//! The vocabularies responses carry, stated in the document so clients get their words.

use fluxstudio_domain::{
    ConversationKind, FileFamily, NotificationKind, OrgRole, PreviewState, Priority, ProjectRole,
    ProjectStatus, ReviewDecision, ReviewState, TaskStatus, UserType,
};
use fluxstudio_workspace::InvitationStatus;

use super::{Rule, fields::Where};

/// The vocabularies responses carry. Unlike requests, nothing checks a response field is
/// here: a missing one only leaves clients a plain string.
pub(super) fn reply_rules() -> Vec<(Where, &'static str, Rule)> {
    use Where::Reply;
    let org_roles = || Rule::List {
        min: 0,
        max: OrgRole::ALL.len(),
        item: Some(Box::new(Rule::Words(OrgRole::WORDS))),
    };
    vec![
        (Reply("UserView"), "userType", Rule::Words(UserType::WORDS)),
        (
            Reply("OrganizationView"),
            "role",
            Rule::Words(OrgRole::WORDS),
        ),
        (Reply("OrganizationCan"), "inviteRoles", org_roles()),
        (Reply("OrganizationCan"), "manageRoles", org_roles()),
        (Reply("MemberView"), "role", Rule::Words(OrgRole::WORDS)),
        (Reply("InvitationView"), "role", Rule::Words(OrgRole::WORDS)),
        (
            Reply("InvitationView"),
            "status",
            Rule::Words(InvitationStatus::WORDS),
        ),
        (
            Reply("InvitationPreviewView"),
            "role",
            Rule::Words(OrgRole::WORDS),
        ),
        (
            Reply("InvitationPreviewView"),
            "status",
            Rule::Words(InvitationStatus::WORDS),
        ),
        (Reply("MyInvitation"), "role", Rule::Words(OrgRole::WORDS)),
        (
            Reply("ProjectView"),
            "status",
            Rule::Words(ProjectStatus::WORDS),
        ),
        (
            Reply("ProjectView"),
            "priority",
            Rule::Words(Priority::WORDS),
        ),
        (
            Reply("ProjectView"),
            "role",
            Rule::Words(ProjectRole::WORDS),
        ),
        (
            Reply("ProjectMemberView"),
            "role",
            Rule::Words(ProjectRole::WORDS),
        ),
        (Reply("TaskView"), "status", Rule::Words(TaskStatus::WORDS)),
        (Reply("TaskView"), "priority", Rule::Words(Priority::WORDS)),
        (
            Reply("ConversationView"),
            "kind",
            Rule::Words(ConversationKind::WORDS),
        ),
        (Reply("FileView"), "kind", Rule::Words(FileFamily::WORDS)),
        (
            Reply("AttachmentView"),
            "kind",
            Rule::Words(FileFamily::WORDS),
        ),
        (
            Reply("AttachmentView"),
            "source",
            Rule::Words(fluxstudio_messaging::ATTACHMENT_SOURCES),
        ),
        (
            Reply("ConversationFileView"),
            "kind",
            Rule::Words(FileFamily::WORDS),
        ),
        (
            Reply("VersionView"),
            "preview",
            Rule::Words(PreviewState::WORDS),
        ),
        (
            Reply("VersionView"),
            "review",
            Rule::Words(ReviewState::WORDS),
        ),
        (
            Reply("ReviewView"),
            "state",
            Rule::Words(ReviewState::WORDS),
        ),
        (
            Reply("DecisionView"),
            "decision",
            Rule::Words(ReviewDecision::WORDS),
        ),
        (
            Reply("NotificationView"),
            "kind",
            Rule::Words(NotificationKind::WORDS),
        ),
    ]
}
