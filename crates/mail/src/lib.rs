//! FluxStudio's outgoing mail: account verification, password resets and invitations.
//!
//! A [`Mailer`] hands [`Email`]s to an SMTP relay through lettre (rustls with ring, no
//! OpenSSL), or writes them to the log when no relay is configured so that development
//! needs no mail server. The [`templates`] build each mail as text and HTML from a
//! [`MailConfig`]. With the `capture` feature, [`capture`] is an in-process SMTP server
//! that records what it receives, for tests here and in the server.
#![forbid(unsafe_code)]

#[cfg(feature = "capture")]
pub mod capture;
pub mod config;
pub mod email;
pub mod error;
pub mod mailer;
pub mod templates;
mod transport;

pub use config::{MailConfig, ParseSmtpTlsError, SmtpConfig, SmtpTls};
pub use email::Email;
pub use error::MailError;
pub use mailer::Mailer;
pub use transport::SMTP_TIMEOUT;
