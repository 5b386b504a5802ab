//! FluxStudio's vocabulary and rules, free of I/O so they can be tested on their own
//! and shared by every layer (store, API, real time, collaboration). Values from clients
//! are parsed into these types at the edge, so an invalid one cannot exist past it.
#![forbid(unsafe_code)]

pub mod device;
pub mod display_name;
pub mod email;
pub mod environment;
pub mod invalid;
pub mod password;
pub mod user_type;
pub mod vocabulary;

pub use device::device_name;
pub use display_name::DisplayName;
pub use email::Email;
pub use environment::Environment;
pub use invalid::Invalid;
pub use password::Password;
pub use user_type::UserType;
pub use vocabulary::ParseVocabularyError;
