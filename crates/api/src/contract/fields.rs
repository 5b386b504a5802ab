//! The rule of every field a client sends (`body_rules`, `query_rules`), stated in the
//! document from the constants and patterns the server checks with (see `stating`).

use super::Rule;
use crate::{
    auth::account,
    files::{content as file_content, items as file_items},
};
use fluxstudio_accounts::{EventKind, Severity};
use fluxstudio_collab::Format;
use fluxstudio_domain::{
    FileFamily, OrgRole, Priority, ProjectRole, ProjectStatus, ReviewDecision, TaskStatus,
    UserType, email, limits, password, slug,
};
use fluxstudio_messaging::text as message_text;

/// A field of a request body's schema, or a query parameter of an operation
/// (`"GET /api/projects"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Where {
    Body(&'static str),
    Query(&'static str),
    /// A field of a response's schema: only vocabularies, so clients get their words.
    Reply(&'static str),
}

pub(super) fn body_rules() -> Vec<(Where, &'static str, Rule)> {
    use Where::Body;
    let name = Rule::Line {
        max: limits::NAME_CHARS,
        required: true,
    };
    let description = Rule::Text {
        max: limits::DESCRIPTION_CHARS,
        required: false,
    };
    let mentions = Rule::List {
        min: 0,
        max: limits::MENTIONS,
        item: None,
    };
    let group = Rule::List {
        min: 1,
        max: limits::GROUP_PEOPLE - 1,
        item: None,
    };
    let message = Rule::Text {
        max: limits::MESSAGE_CHARS,
        required: true,
    };
    let comment = Rule::Text {
        max: limits::COMMENT_CHARS,
        required: true,
    };
    let task_title = Rule::Text {
        max: limits::TASK_TITLE_CHARS,
        required: true,
    };
    let task_description = Rule::Text {
        max: limits::TASK_DESCRIPTION_CHARS,
        required: false,
    };
    let tags = Rule::List {
        min: 0,
        max: limits::TASK_TAGS,
        item: Some(Box::new(Rule::Text {
            max: limits::TAG_CHARS,
            required: true,
        })),
    };
    let milestone_title = Rule::Text {
        max: limits::MILESTONE_TITLE_CHARS,
        required: true,
    };
    let group_name = Rule::Text {
        max: limits::GROUP_NAME_CHARS,
        required: false,
    };
    vec![
        (Body("CodeBody"), "code", Rule::Opaque),
        (Body("DisableBody"), "code", Rule::Opaque),
        (Body("DisableBody"), "password", Rule::Opaque),
        (Body("ForgotBody"), "email", Rule::Opaque),
        (Body("LoginBody"), "email", Rule::Opaque),
        (Body("LoginBody"), "password", Rule::Opaque),
        (Body("SecondFactorBody"), "challengeToken", Rule::Opaque),
        (Body("SecondFactorBody"), "code", Rule::Opaque),
        (Body("RefreshBody"), "refreshToken", Rule::Opaque),
        (Body("TokenBody"), "token", Rule::Opaque),
        (Body("ProfileBody"), "name", name.clone()),
        (Body("ProfileBody"), "avatarUrl", avatar()),
        (Body("ProfileBody"), "timezone", timezone()),
        (Body("PasswordBody"), "currentPassword", Rule::Opaque),
        (Body("PasswordBody"), "newPassword", new_password()),
        (Body("ResetBody"), "token", Rule::Opaque),
        (Body("ResetBody"), "password", new_password()),
        (Body("SignupBody"), "email", email_address()),
        (Body("SignupBody"), "name", name.clone()),
        (Body("SignupBody"), "password", new_password()),
        (Body("SignupBody"), "userType", Rule::Words(UserType::WORDS)),
        (Body("SignupBody"), "invitationToken", Rule::Opaque),
        (
            Body("NewConversationBody"),
            "kind",
            Rule::Words(&["direct", "group"]),
        ),
        (Body("NewConversationBody"), "name", group_name.clone()),
        (Body("NewConversationBody"), "participantIds", group.clone()),
        (Body("ConversationChange"), "name", group_name),
        (Body("SendBody"), "body", message.clone()),
        (Body("SendBody"), "clientId", client_id()),
        (Body("SendBody"), "mentions", mentions.clone()),
        (
            Body("SendBody"),
            "attachments",
            Rule::List {
                min: 0,
                max: limits::MESSAGE_ATTACHMENTS,
                item: None,
            },
        ),
        (Body("EditBody"), "body", message),
        (Body("EditBody"), "mentions", mentions.clone()),
        (Body("ParticipantsBody"), "userIds", group),
        (Body("ReadBody"), "seq", Rule::Whole { min: 0 }),
        (Body("ReactionBody"), "emoji", emoji()),
        (Body("TitleBody"), "title", document_title()),
        (Body("NameBody"), "name", version_name()),
        (Body("NewOrganizationBody"), "name", name.clone()),
        (Body("NewOrganizationBody"), "slug", slug()),
        (
            Body("NewOrganizationBody"),
            "description",
            description.clone(),
        ),
        (Body("OrganizationChangeBody"), "name", name.clone()),
        (Body("OrganizationChangeBody"), "slug", slug()),
        (
            Body("OrganizationChangeBody"),
            "description",
            description.clone(),
        ),
        (Body("InviteBody"), "email", email_address()),
        (Body("InviteBody"), "role", Rule::Words(OrgRole::WORDS)),
        (Body("RoleBody"), "role", Rule::Words(OrgRole::WORDS)),
        (Body("NewTeamBody"), "name", name.clone()),
        (Body("NewTeamBody"), "description", description.clone()),
        (Body("TeamChangeBody"), "name", name.clone()),
        (Body("TeamChangeBody"), "description", description.clone()),
        (Body("NewProjectBody"), "name", name.clone()),
        (Body("NewProjectBody"), "description", description.clone()),
        (
            Body("NewProjectBody"),
            "priority",
            Rule::Words(Priority::WORDS),
        ),
        (
            Body("NewProjectBody"),
            "status",
            Rule::Words(ProjectStatus::WORDS),
        ),
        (Body("ProjectChangeBody"), "name", name),
        (
            Body("ProjectChangeBody"),
            "description",
            description.clone(),
        ),
        (
            Body("ProjectChangeBody"),
            "priority",
            Rule::Words(Priority::WORDS),
        ),
        (
            Body("ProjectChangeBody"),
            "status",
            Rule::Words(ProjectStatus::WORDS),
        ),
        (
            Body("ProjectRoleBody"),
            "role",
            Rule::Words(ProjectRole::WORDS),
        ),
        (Body("NewMilestoneBody"), "title", milestone_title.clone()),
        (Body("NewMilestoneBody"), "description", description.clone()),
        (Body("MilestoneChangeBody"), "title", milestone_title),
        (Body("MilestoneChangeBody"), "description", description),
        (Body("NewTaskBody"), "title", task_title.clone()),
        (Body("NewTaskBody"), "description", task_description.clone()),
        (
            Body("NewTaskBody"),
            "priority",
            Rule::Words(Priority::WORDS),
        ),
        (
            Body("NewTaskBody"),
            "status",
            Rule::Words(TaskStatus::WORDS),
        ),
        (Body("NewTaskBody"), "tags", tags.clone()),
        (Body("TaskChangeBody"), "title", task_title),
        (Body("TaskChangeBody"), "description", task_description),
        (
            Body("TaskChangeBody"),
            "priority",
            Rule::Words(Priority::WORDS),
        ),
        (
            Body("TaskChangeBody"),
            "status",
            Rule::Words(TaskStatus::WORDS),
        ),
        (Body("TaskChangeBody"), "tags", tags),
        (Body("CommentBody"), "body", comment.clone()),
        (Body("CommentBody"), "mentions", mentions.clone()),
        (Body("CommentEdit"), "body", comment.clone()),
        (Body("ReviewCommentBody"), "body", comment.clone()),
        (Body("ReviewCommentBody"), "mentions", mentions.clone()),
        (
            Body("ReviewCommentChange"),
            "body",
            Rule::Text {
                max: limits::COMMENT_CHARS,
                required: true,
            },
        ),
        (
            Body("DecisionBody"),
            "decision",
            Rule::Words(ReviewDecision::WORDS),
        ),
        (
            Body("DecisionBody"),
            "note",
            Rule::Text {
                max: limits::REVIEW_NOTE_CHARS,
                required: false,
            },
        ),
        (
            Body("ReviewRequestBody"),
            "reviewers",
            Rule::List {
                min: 1,
                max: limits::REVIEWERS,
                item: None,
            },
        ),
        (Body("MoveBody"), "status", Rule::Words(TaskStatus::WORDS)),
        (Body("MoveBody"), "index", Rule::Whole { min: 0 }),
        (
            Body("FileNameBody"),
            "name",
            Rule::Line {
                max: limits::FILE_NAME_CHARS,
                required: true,
            },
        ),
    ]
}

pub(super) fn query_rules() -> Vec<(Where, &'static str, Rule)> {
    use Where::Query;
    let search = Rule::QueryText {
        max: limits::SEARCH_CHARS,
    };
    vec![
        (
            Query("GET /api/admin/security-events"),
            "type",
            Rule::Words(EventKind::WORDS),
        ),
        (
            Query("GET /api/admin/security-events"),
            "severity",
            Rule::Words(Severity::WORDS),
        ),
        (Query("GET /api/admin/users"), "q", search.clone()),
        (
            Query("GET /api/projects"),
            "status",
            Rule::Words(ProjectStatus::WORDS),
        ),
        (Query("GET /api/projects"), "q", search.clone()),
        (Query("GET /api/search/messages"), "q", search.clone()),
        (Query("GET /api/projects/{id}/files"), "q", search),
        (
            Query("GET /api/projects/{id}/files"),
            "kind",
            Rule::Words(FileFamily::WORDS),
        ),
        (
            Query("GET /api/projects/{id}/files"),
            "sort",
            Rule::Words(file_items::SORT_WORDS),
        ),
        (
            Query("GET /api/files/{id}/versions/{number}/preview"),
            "size",
            Rule::Words(file_content::PREVIEW_SIZES),
        ),
        (
            Query("GET /api/projects/{id}/files"),
            "order",
            Rule::Words(file_items::ORDER_WORDS),
        ),
        (
            Query("GET /api/documents/{id}/export"),
            "format",
            Rule::Words(Format::WORDS),
        ),
        (
            Query("DELETE /api/messages/{id}/reactions"),
            "emoji",
            emoji(),
        ),
    ]
}

fn new_password() -> Rule {
    Rule::Pattern {
        pattern: password::pattern(),
        min: Some(password::MIN_CHARS),
        max: password::MAX_CHARS,
    }
}

/// A value matching `pattern` whole, in at most `max` characters.
fn matching(pattern: impl Into<String>, max: usize) -> Rule {
    Rule::Pattern {
        pattern: pattern.into(),
        min: None,
        max,
    }
}

fn email_address() -> Rule {
    matching(email::pattern(), email::MAX_CHARS)
}

fn slug() -> Rule {
    matching(slug::PATTERN, slug::MAX_LEN)
}

fn avatar() -> Rule {
    matching(account::avatar_pattern(), account::AVATAR_MAX)
}

fn timezone() -> Rule {
    matching(account::timezone_pattern(), account::TIMEZONE_MAX)
}

fn emoji() -> Rule {
    matching(message_text::emoji_pattern(), message_text::EMOJI_MAX)
}

fn client_id() -> Rule {
    matching(message_text::CLIENT_ID_PATTERN, message_text::CLIENT_ID_MAX)
}

fn document_title() -> Rule {
    Rule::Text {
        max: limits::DOCUMENT_TITLE_CHARS,
        required: true,
    }
}

fn version_name() -> Rule {
    Rule::Text {
        max: limits::VERSION_NAME_CHARS,
        required: true,
    }
}
