//! Accounts, sessions and security (issue 3), on both backends.

pub mod client;

mod admin;
mod bad_input;
mod cli;
mod csrf;
mod email;
mod rate_limits;
mod sessions;
mod signup_login;
mod tokens;
pub(crate) mod two_factor;
