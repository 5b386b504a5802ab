//! What the mailer needs to know, read by the server from its environment
//! (`EMAIL_FROM`, `APP_URL`, `APP_NAME`, `SMTP_*`). This crate reads no variables itself,
//! so the server reports a bad value the way it reports every other one.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// Everything a [`Mailer`](crate::Mailer) and the [templates](crate::templates) need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// Where to send. `None` (no `SMTP_HOST`) logs each mail instead, so a developer can
    /// follow a verification link without running a mail server.
    pub smtp: Option<SmtpConfig>,
    /// `EMAIL_FROM`, the sender, e.g. `FluxStudio <no-reply@localhost>`.
    pub from: String,
    /// `APP_URL`, the address users open, e.g. `http://localhost:3001`. Links in mails are
    /// built on it (a trailing slash is tolerated).
    pub app_url: String,
    /// `APP_NAME`, the product's name in subjects and bodies, e.g. `FluxStudio`.
    pub app_name: String,
}

/// The SMTP relay to hand mail to.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// Authenticate only when set; a relay on the same host often needs no credentials.
    pub user: Option<String>,
    /// Sent with `user` (empty when unset); ignored without a user.
    pub password: Option<String>,
    pub tls: SmtpTls,
}

/// Hand-written so that the password never reaches a log line through `{:?}`.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("tls", &self.tls)
            .finish()
    }
}

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Implicit TLS from the first byte (SMTPS, port 465).
    Wrapper,
    /// Plain connection upgraded with STARTTLS, which is required: a relay that does not
    /// offer it is refused rather than sent credentials in clear (submission, port 587).
    StartTls,
    /// No TLS at all. Only sensible towards a relay on the loopback interface.
    None,
}

impl SmtpTls {
    /// The mode when `SMTP_TLS` is not set: port 465 speaks TLS from the start, a relay on
    /// this machine is trusted in clear, and anything else must upgrade with STARTTLS, so
    /// the default never sends credentials over the network unprotected.
    pub fn default_for(host: &str, port: u16) -> Self {
        if port == 465 {
            Self::Wrapper
        } else if is_loopback(host) {
            Self::None
        } else {
            Self::StartTls
        }
    }
}

/// `localhost`, 127.0.0.0/8 or ::1 (bracketed or not).
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// An `SMTP_TLS` value that is none of `wrapper`, `starttls`, `none`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "SMTP_TLS must be `wrapper` (implicit TLS, port 465), `starttls` (required STARTTLS) \
     or `none` (plain, loopback only), not `{0}`"
)]
pub struct ParseSmtpTlsError(pub String);

/// Parses an explicit `SMTP_TLS` (case-insensitive, surrounding spaces ignored).
impl FromStr for SmtpTls {
    type Err = ParseSmtpTlsError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "wrapper" => Ok(Self::Wrapper),
            "starttls" => Ok(Self::StartTls),
            "none" => Ok(Self::None),
            _ => Err(ParseSmtpTlsError(raw.to_owned())),
        }
    }
}

impl fmt::Display for SmtpTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Wrapper => "wrapper",
            Self::StartTls => "starttls",
            Self::None => "none",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_port_then_host() {
        let cases = [
            ("smtp.example.com", 465, SmtpTls::Wrapper),
            ("localhost", 465, SmtpTls::Wrapper),
            ("localhost", 25, SmtpTls::None),
            ("LOCALHOST", 1025, SmtpTls::None),
            ("127.0.0.1", 25, SmtpTls::None),
            ("127.1.2.3", 2525, SmtpTls::None),
            ("::1", 25, SmtpTls::None),
            ("[::1]", 25, SmtpTls::None),
            ("smtp.example.com", 587, SmtpTls::StartTls),
            ("smtp.example.com", 25, SmtpTls::StartTls),
            ("10.0.0.5", 25, SmtpTls::StartTls),
            ("localhost.example.com", 587, SmtpTls::StartTls),
        ];
        for (host, port, expected) in cases {
            assert_eq!(SmtpTls::default_for(host, port), expected, "{host}:{port}");
        }
    }

    #[test]
    fn parses_the_three_words_and_round_trips() {
        for tls in [SmtpTls::Wrapper, SmtpTls::StartTls, SmtpTls::None] {
            assert_eq!(tls.to_string().parse::<SmtpTls>(), Ok(tls));
        }
        assert_eq!(" StartTLS ".parse::<SmtpTls>(), Ok(SmtpTls::StartTls));
        assert_eq!("NONE".parse::<SmtpTls>(), Ok(SmtpTls::None));
    }

    #[test]
    fn refuses_anything_else_naming_the_choices() {
        for bad in ["", "tls", "ssl", "true", "starttls,wrapper"] {
            let err = bad.parse::<SmtpTls>().unwrap_err().to_string();
            assert!(err.starts_with("SMTP_TLS must be `wrapper`"), "{err}");
            assert!(
                err.contains("`starttls`") && err.contains("`none`"),
                "{err}"
            );
            assert!(err.ends_with(&format!("not `{bad}`")), "{err}");
        }
    }

    #[test]
    fn debug_hides_the_password() {
        let smtp = SmtpConfig {
            host: "smtp.example.com".into(),
            port: 587,
            user: Some("studio".into()),
            password: Some("hunter2".into()),
            tls: SmtpTls::StartTls,
        };
        let shown = format!("{smtp:?}");
        assert!(
            !shown.contains("hunter2") && shown.contains("<redacted>"),
            "{shown}"
        );
    }
}
