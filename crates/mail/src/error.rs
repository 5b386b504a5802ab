//! Why a mail could not be built or handed to the relay. Callers in request paths do not
//! see these (they use [`Mailer::send_in_background`](crate::Mailer::send_in_background));
//! they are for start-up checks, logs and tests.

use std::time::Duration;

/// A failure to build or send a mail.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// `EMAIL_FROM` or a recipient is not an address lettre accepts.
    #[error("{field} is not a valid mail address ({value:?}): {source}")]
    Address {
        field: &'static str,
        value: String,
        #[source]
        source: lettre::address::AddressError,
    },
    /// The message could not be assembled (headers, envelope).
    #[error("could not build the mail: {0}")]
    Build(#[from] lettre::error::Error),
    /// The relay could not be configured, reached, or refused the mail.
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// The whole exchange with the relay took longer than this.
    #[error("SMTP: no answer within {0:?}")]
    Timeout(Duration),
}
