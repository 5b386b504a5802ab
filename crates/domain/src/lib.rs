//! FluxStudio's vocabulary and rules, free of I/O so they can be tested on their own
//! and shared by every layer (store, API, real time, collaboration). Values from clients
//! are parsed into these types at the edge, so an invalid one cannot exist past it.
#![forbid(unsafe_code)]

pub mod conversation_kind;
pub mod device;
pub mod display_name;
pub mod email;
pub mod environment;
pub mod file_family;
pub mod invalid;
pub mod limits;
pub mod notification_kind;
pub mod org_role;
pub mod password;
pub mod permissions;
pub mod preview_state;
pub mod priority;
pub mod project_role;
pub mod project_status;
pub mod refusal;
pub mod review_state;
pub mod slug;
pub mod task_status;
pub mod text;
pub mod user_type;
pub mod vocabulary;

pub use conversation_kind::ConversationKind;
pub use device::device_name;
pub use display_name::DisplayName;
pub use email::Email;
pub use environment::Environment;
pub use file_family::FileFamily;
pub use invalid::Invalid;
pub use notification_kind::NotificationKind;
pub use org_role::OrgRole;
pub use password::Password;
pub use permissions::{
    Access, Actor, OrgAction, ProjectAction, effective_project_role, org_access, project_access,
};
pub use preview_state::PreviewState;
pub use priority::Priority;
pub use project_role::ProjectRole;
pub use project_status::ProjectStatus;
pub use refusal::Refusal;
pub use review_state::{ReviewDecision, ReviewState};
pub use slug::{Slug, slugify, with_suffix};
pub use task_status::TaskStatus;
pub use user_type::UserType;
pub use vocabulary::{ParseVocabularyError, Vocabulary};
