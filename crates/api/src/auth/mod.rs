//! Accounts over HTTP under `/api/auth`: thin handlers that parse, call the account
//! service, and shape the answer.

pub mod account;
pub mod cookies;
pub mod email;
mod errors;
pub mod extract;
pub mod signin;
pub mod two_factor;
pub mod views;
