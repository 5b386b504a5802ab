//! Sending: through the configured SMTP relay, or into the log when there is none.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::{Email, MailConfig, MailError, transport};

/// The longest one whole exchange with the relay may take. lettre's own timeout
/// ([`transport::SMTP_TIMEOUT`]) bounds each wait; this bounds a relay that answers, slowly,
/// every time.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends [`Email`]s. Cheap to clone (one `Arc`), so every handler can hold one.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    from: Mailbox,
    /// `None` when no SMTP relay is configured: mails go to the log.
    smtp: Option<Relay>,
}

struct Relay {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// `host:port`, for log lines.
    name: String,
}

impl Mailer {
    /// Checks the configuration once, at start: `from` must be an address and TLS must be
    /// possible for the relay's host. Connects to nothing yet; each send opens its own
    /// connection (transactional mail is rare enough that a pool would only hold sockets
    /// the relay times out anyway).
    pub fn new(config: &MailConfig) -> Result<Self, MailError> {
        let from = config.from.parse().map_err(|source| MailError::Address {
            field: "EMAIL_FROM",
            value: config.from.clone(),
            source,
        })?;
        let smtp = match &config.smtp {
            Some(smtp) => Some(Relay {
                transport: transport::build(smtp, &config.app_url)?,
                name: format!("{}:{}", smtp.host, smtp.port),
            }),
            None => None,
        };
        Ok(Self {
            inner: Arc::new(Inner { from, smtp }),
        })
    }

    /// Whether mails really leave (an SMTP relay is configured) or only reach the log.
    pub fn delivers(&self) -> bool {
        self.inner.smtp.is_some()
    }

    /// Sends `mail` and waits for the relay to accept it.
    ///
    /// Without a relay, logs the recipient, subject and text body at `info` instead and
    /// succeeds, so that in development the link in a verification or reset mail can be
    /// followed from the server's output.
    pub async fn send(&self, mail: Email) -> Result<(), MailError> {
        let message = mail.to_message(&self.inner.from)?;
        let Some(relay) = &self.inner.smtp else {
            tracing::info!(
                to = %mail.to,
                subject = %mail.subject,
                body = %mail.text,
                "mail not sent: no SMTP_HOST is configured, so here it is"
            );
            return Ok(());
        };
        match tokio::time::timeout(SEND_TIMEOUT, relay.transport.send(message)).await {
            Ok(Ok(_response)) => {
                tracing::info!(to = %mail.to, subject = %mail.subject, relay = %relay.name, "mail sent");
                Ok(())
            }
            Ok(Err(err)) => Err(err.into()),
            Err(_elapsed) => Err(MailError::Timeout(SEND_TIMEOUT)),
        }
    }

    /// Sends `mail` on a task of its own and returns at once; a failure is logged at `warn`.
    ///
    /// This is what request handlers use: a request must not wait for the relay, and must
    /// not reveal by how long it took whether a mail was sent (for instance whether an
    /// address has an account, on a password reset). Never panics, even outside a Tokio
    /// runtime (the mail is then dropped with a warning).
    pub fn send_in_background(&self, mail: Email) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!(to = %mail.to, subject = %mail.subject, "mail not sent: no Tokio runtime to send it on");
            return;
        };
        let mailer = self.clone();
        runtime.spawn(async move {
            let (to, subject) = (mail.to.clone(), mail.subject.clone());
            if let Err(err) = mailer.send(mail).await {
                tracing::warn!(%to, %subject, error = %err, "mail not sent");
            }
        });
    }
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.inner.from.to_string())
            .field("relay", &self.inner.smtp.as_ref().map(|relay| &relay.name))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SmtpConfig, SmtpTls};

    fn config(smtp: Option<SmtpConfig>, from: &str) -> MailConfig {
        MailConfig {
            smtp,
            from: from.into(),
            app_url: "http://localhost:3001".into(),
            app_name: "FluxStudio".into(),
        }
    }

    fn mail() -> Email {
        Email {
            to: "ada@studio.example".into(),
            subject: "Hello".into(),
            text: "http://localhost:3001/verify-email?token=abc".into(),
            html: "<p>Hello</p>".into(),
        }
    }

    #[test]
    fn refuses_a_bad_from_at_start() {
        let err = Mailer::new(&config(None, "FluxStudio")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("EMAIL_FROM is not a valid mail address"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn without_smtp_logs_and_succeeds() {
        let mailer = Mailer::new(&config(None, "FluxStudio <no-reply@localhost>")).unwrap();
        assert!(!mailer.delivers());
        mailer.send(mail()).await.unwrap();
        assert!(format!("{mailer:?}").contains("relay: None"));
    }

    #[tokio::test]
    async fn an_unreachable_relay_is_an_error_not_a_hang() {
        // Bind then drop a listener: the port is very likely closed now.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let smtp = SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            user: None,
            password: None,
            tls: SmtpTls::None,
        };
        let mailer = Mailer::new(&config(Some(smtp), "no-reply@localhost")).unwrap();
        assert!(mailer.delivers());
        let err = mailer.send(mail()).await.unwrap_err();
        assert!(matches!(err, MailError::Smtp(_)), "{err}");
        // In the background the same failure is only logged.
        mailer.send_in_background(mail());
    }

    #[test]
    fn background_send_outside_a_runtime_does_not_panic() {
        let mailer = Mailer::new(&config(None, "no-reply@localhost")).unwrap();
        mailer.send_in_background(mail());
    }
}
