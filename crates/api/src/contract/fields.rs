//! The rule of every field a client sends, stated in the document from the constants and
//! patterns the server checks with. A field the table leaves out is caught by
//! [`unstated_fields`] (a test), so a new field is born stated.

use fluxstudio_accounts::{EventKind, Severity};
use fluxstudio_collab::Format;
use fluxstudio_domain::{
    ConversationKind, FileFamily, NotificationKind, OrgRole, PreviewState, Priority, ProjectRole,
    ProjectStatus, TaskStatus, UserType, email, limits, password, slug,
};
use fluxstudio_messaging::text as message_text;
use fluxstudio_workspace::InvitationStatus;
use utoipa::openapi::{
    OpenApi, RefOr, Schema,
    path::{Operation, ParameterIn},
    schema::{KnownFormat, SchemaFormat, SchemaType, Type},
};

use super::Rule;
use crate::{
    auth::account,
    files::{content as file_content, items as file_items},
};

/// A field of a request body's schema, or a query parameter of an operation
/// (`"GET /api/projects"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Body(&'static str),
    Query(&'static str),
    /// A field of a response's schema: only vocabularies, so clients get their words.
    Reply(&'static str),
}

fn body_rules() -> Vec<(Where, &'static str, Rule)> {
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
        (Body("CommentBody"), "mentions", mentions),
        (Body("CommentEdit"), "body", comment),
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

fn query_rules() -> Vec<(Where, &'static str, Rule)> {
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

/// The vocabularies responses carry. Unlike requests, nothing checks a response field is
/// here: a missing one only leaves clients a plain string.
fn reply_rules() -> Vec<(Where, &'static str, Rule)> {
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
            Reply("VersionView"),
            "preview",
            Rule::Words(PreviewState::WORDS),
        ),
        (
            Reply("NotificationView"),
            "kind",
            Rule::Words(NotificationKind::WORDS),
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

/// A field the table should state but does not (or that it names but the document lacks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstated(pub String);

/// States every rule of the table in `document`; returns what it could not find.
pub fn complete_fields(document: &mut OpenApi) -> Vec<Unstated> {
    let mut missing = Vec::new();
    let rules = body_rules()
        .into_iter()
        .chain(query_rules())
        .chain(reply_rules());
    for (place, field, rule) in rules {
        let target = match place {
            Where::Body(schema) | Where::Reply(schema) => body_field(document, schema, field),
            Where::Query(operation) => query_field(document, operation, field),
        };
        match target.map(|schema| rule.state(schema)) {
            Some(Ok(())) => {}
            Some(Err(why)) => missing.push(Unstated(format!("{place:?} {field}: {why}"))),
            None => missing.push(Unstated(format!("{place:?} {field}: not in the document"))),
        }
    }
    if !conversation_kinds(document) {
        missing.push(Unstated("NewConversationBody: not an object".to_owned()));
    }
    missing
}

/// A new conversation is one of two shapes: `direct` names exactly one other person, a
/// `group` one or more. Stated as a `oneOf` of the body's schema narrowed each way.
fn conversation_kinds(document: &mut OpenApi) -> bool {
    let Some(schemas) = document.components.as_mut().map(|c| &mut c.schemas) else {
        return false;
    };
    let Some(RefOr::T(Schema::Object(body))) = schemas.get("NewConversationBody") else {
        return false;
    };
    let shape = |kind: &str, most: Option<usize>| {
        let mut shape = body.clone();
        if let Some(RefOr::T(Schema::Object(field))) = shape.properties.get_mut("kind") {
            field.enum_values = Some(vec![kind.into()]);
        }
        if let (Some(most), Some(RefOr::T(Schema::Array(people)))) =
            (most, shape.properties.get_mut("participantIds"))
        {
            people.max_items = Some(most);
        }
        Schema::Object(shape)
    };
    let one_of = utoipa::openapi::schema::OneOfBuilder::new()
        .item(shape("direct", Some(1)))
        .item(shape("group", None))
        .build();
    schemas.insert(
        "NewConversationBody".to_owned(),
        RefOr::T(Schema::OneOf(one_of)),
    );
    true
}

/// Every string field of a request body (or string query parameter) the table does not
/// state, besides ids, dates and times, whose format says it all.
pub fn unstated_fields(document: &OpenApi) -> Vec<Unstated> {
    let stated: Vec<(Where, &str)> = body_rules()
        .into_iter()
        .chain(query_rules())
        .map(|(place, field, _)| (place, field))
        .collect();
    let mut unstated = Vec::new();
    for (path, method, operation) in operations(document) {
        for body in request_schemas(operation) {
            let Some(RefOr::T(Schema::Object(object))) = document
                .components
                .as_ref()
                .and_then(|c| c.schemas.get(body))
            else {
                continue;
            };
            for (field, schema) in &object.properties {
                let named = stated
                    .iter()
                    .any(|(place, f)| *f == field && matches!(place, Where::Body(b) if *b == body));
                if !named && needs_rule(schema) {
                    unstated.push(Unstated(format!("{body}.{field}")));
                }
            }
        }
        for parameter in operation.parameters.iter().flatten() {
            let RefOr::T(parameter) = parameter else {
                continue;
            };
            let label = format!("{method} {path}");
            let named = stated.iter().any(|(place, f)| {
                *f == parameter.name && matches!(place, Where::Query(op) if *op == label)
            });
            let is_text = parameter.schema.as_ref().is_some_and(needs_rule);
            let paged = matches!(parameter.name.as_str(), "cursor" | "limit");
            if parameter.parameter_in == ParameterIn::Query && is_text && !named && !paged {
                unstated.push(Unstated(format!("{label} ?{}", parameter.name)));
            }
        }
    }
    unstated
}

/// A string or a list of strings without a format that says what it holds.
fn needs_rule(schema: &RefOr<Schema>) -> bool {
    match schema {
        RefOr::T(Schema::Object(object)) => {
            let string = match &object.schema_type {
                SchemaType::Type(t) => *t == Type::String,
                SchemaType::Array(types) => types.contains(&Type::String),
                SchemaType::AnyValue => false,
            };
            let formatted = matches!(
                object.format,
                Some(SchemaFormat::KnownFormat(
                    KnownFormat::Uuid
                        | KnownFormat::Date
                        | KnownFormat::DateTime
                        | KnownFormat::Binary
                ))
            );
            string && !formatted && object.enum_values.is_none()
        }
        RefOr::T(Schema::Array(array)) => match &array.items {
            utoipa::openapi::schema::ArrayItems::RefOrSchema(item) => needs_rule(item),
            utoipa::openapi::schema::ArrayItems::False => false,
        },
        _ => false,
    }
}

fn body_field<'a>(
    document: &'a mut OpenApi,
    schema: &str,
    field: &str,
) -> Option<&'a mut RefOr<Schema>> {
    match document.components.as_mut()?.schemas.get_mut(schema)? {
        RefOr::T(Schema::Object(object)) => object.properties.get_mut(field),
        _ => None,
    }
}

fn query_field<'a>(
    document: &'a mut OpenApi,
    operation: &str,
    field: &str,
) -> Option<&'a mut RefOr<Schema>> {
    let (method, path) = operation.split_once(' ')?;
    let item = document.paths.paths.get_mut(path)?;
    let operation = match method {
        "GET" => item.get.as_mut(),
        "DELETE" => item.delete.as_mut(),
        _ => None,
    }?;
    operation
        .parameters
        .iter_mut()
        .flatten()
        .find_map(|parameter| match parameter {
            RefOr::T(p) if p.name == field && p.parameter_in == ParameterIn::Query => {
                p.schema.as_mut()
            }
            _ => None,
        })
}

fn operations(document: &OpenApi) -> Vec<(&str, &'static str, &Operation)> {
    let mut all = Vec::new();
    for (path, item) in &document.paths.paths {
        for (method, operation) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ] {
            if let Some(operation) = operation {
                all.push((path.as_str(), method, operation));
            }
        }
    }
    all
}

/// The component schemas an operation's request body names.
fn request_schemas(operation: &Operation) -> Vec<&str> {
    let Some(RefOr::T(body)) = &operation.request_body else {
        return Vec::new();
    };
    body.content
        .values()
        .filter_map(|content| match content {
            RefOr::T(content) => match &content.schema {
                Some(RefOr::Ref(reference)) => reference.ref_location.rsplit('/').next(),
                _ => None,
            },
            RefOr::Ref(_) => None,
        })
        .collect()
}
