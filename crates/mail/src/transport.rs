//! The lettre transport for an [`SmtpConfig`]: TLS as configured (rustls with ring and the
//! webpki roots), credentials only when a user is set, bounded waits.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::{MailError, SmtpConfig, SmtpTls};

/// The longest lettre waits for a connection or for one answer of the relay. A relay that
/// is down must not keep a background task (and its memory) alive for minutes.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Builds the transport. Fails only when TLS cannot be set up for `host`.
pub fn build(
    smtp: &SmtpConfig,
    app_url: &str,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
    let builder = match smtp.tls {
        SmtpTls::Wrapper => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
        SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?,
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
    };
    let mut builder = builder
        .port(smtp.port)
        .timeout(Some(SMTP_TIMEOUT))
        .hello_name(hello_name(app_url));
    if let Some(user) = &smtp.user {
        let password = smtp.password.clone().unwrap_or_default();
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(builder.build())
}

/// The name given in `EHLO`: the host of `APP_URL`, which is this studio's public name,
/// rather than lettre's `localhost`, which strict relays distrust. An address literal for
/// an IP, and `localhost` when the URL has no usable host.
fn hello_name(app_url: &str) -> ClientId {
    let rest = app_url.split_once("://").map_or(app_url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if let Some((v6, _port)) = authority.strip_prefix('[').and_then(|a| a.split_once(']'))
        && let Ok(ip) = v6.parse()
    {
        return ClientId::Ipv6(ip);
    }
    let host = authority.split(':').next().unwrap_or_default();
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ClientId::Ipv4(ip),
        Ok(IpAddr::V6(ip)) => ClientId::Ipv6(ip),
        Err(_) if is_domain(host) => ClientId::Domain(host.to_ascii_lowercase()),
        Err(_) => ClientId::Ipv4(Ipv4Addr::LOCALHOST),
    }
}

fn is_domain(host: &str) -> bool {
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_name_is_the_app_url_host() {
        let name = |url: &str| hello_name(url).to_string();
        assert_eq!(name("https://Studio.Example/app/"), "studio.example");
        assert_eq!(name("http://localhost:3001"), "localhost");
        assert_eq!(name("http://127.0.0.1:3001"), "[127.0.0.1]");
        assert_eq!(name("http://[::1]:3001/"), "[IPv6:::1]");
        assert_eq!(name("studio.example:8080"), "studio.example");
        assert_eq!(name("http://user@studio.example"), "studio.example");
        assert_eq!(name(""), "[127.0.0.1]");
        assert_eq!(name("http://bad_host!"), "[127.0.0.1]");
    }

    #[tokio::test]
    async fn builds_every_tls_mode_with_and_without_credentials() {
        for tls in [SmtpTls::Wrapper, SmtpTls::StartTls, SmtpTls::None] {
            for user in [None, Some("studio".to_owned())] {
                let smtp = SmtpConfig {
                    host: "smtp.example.com".into(),
                    port: 2525,
                    user,
                    password: None,
                    tls,
                };
                build(&smtp, "https://studio.example").unwrap();
            }
        }
    }
}
