//! FluxStudio's account services: what signup, sign-in, sessions, email links, two-factor
//! authentication and instance administration do, independent of HTTP. The API's handlers
//! and the command line call these; these call the store, and record security events.
#![forbid(unsafe_code)]

mod admin;
mod client;
mod email_links;
mod error;
mod events;
mod grant;
mod housekeeping;
mod password;
mod profile;
mod service;
mod session_cache;
mod sessions;
mod signin;
mod signup;
mod two_factor;

pub use admin::{AdminUserChange, UserPage};
pub use client::Client;
pub use error::AccountError;
pub use events::{EventKind, Severity};
pub use grant::{Grant, SignIn};
pub use service::{Accounts, AccountsConfig, Caller};
pub use signup::SignupRequest;
pub use two_factor::{TwoFactorSetup, TwoFactorStatus};

pub use fluxstudio_store::accounts::{
    security_events::{EventFilter, EventRow},
    sessions::SessionRow,
    users::{ProfileChange, UserRow},
};
