//! One outgoing mail, and how it becomes a MIME message.
//!
//! Every mail carries a plain-text and an HTML rendering of the same content as
//! `multipart/alternative`, so clients that show no HTML (or users who turned it off) still
//! get a readable mail with the link.
//!
//! Both parts are UTF-8 and `Content-Transfer-Encoding: base64`. Left to choose, lettre
//! would pick quoted-printable for any non-ASCII body (a user's name "Zoë" suffices), and
//! quoted-printable wraps lines at 76 characters with `=` soft breaks and turns `=` into
//! `=3D`: a long link such as `…/reset-password?token=…` would be cut in the middle, and
//! copying it from the raw text or a naive client would break it. Base64 has none of
//! that: the decoded text is byte-for-byte what the template wrote, it is 7-bit safe on
//! every relay (no need for `8BITMIME`) and no line can exceed SMTP's 998-character limit.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::{SystemTime, UNIX_EPOCH};

use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, MultiPart, SinglePart};

use crate::MailError;

/// A mail ready to send: one recipient, a subject, and the same content as text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// The recipient, `ada@studio.example` or `Ada <ada@studio.example>`.
    pub to: String,
    pub subject: String,
    /// The plain-text rendering; also what the mailer logs when no SMTP is configured.
    pub text: String,
    /// The HTML rendering. Every interpolated value must already be escaped.
    pub html: String,
}

impl Email {
    /// Builds the MIME message sent from `from`: `multipart/alternative` with the text part
    /// first and the HTML part last (the one clients prefer), both base64 (see the module
    /// documentation for why).
    pub fn to_message(&self, from: &Mailbox) -> Result<Message, MailError> {
        let to: Mailbox = self.to.parse().map_err(|source| MailError::Address {
            field: "to",
            value: self.to.clone(),
            source,
        })?;
        let message = Message::builder()
            .message_id(Some(message_id(from)))
            .from(from.clone())
            .to(to)
            .subject(self.subject.clone())
            .multipart(
                MultiPart::alternative()
                    .singlepart(part(ContentType::TEXT_PLAIN, &self.text))
                    .singlepart(part(ContentType::TEXT_HTML, &self.html)),
            )?;
        Ok(message)
    }
}

/// A UTF-8 part of `content_type` (lettre's constants carry `charset=utf-8`), base64.
fn part(content_type: ContentType, body: &str) -> SinglePart {
    SinglePart::builder()
        .header(content_type)
        .header(ContentTransferEncoding::Base64)
        .body(body.to_owned())
}

/// `<unique@sender-domain>`: lettre adds no Message-ID by itself, and a mail without one, or
/// with one on `localhost`, scores worse with spam filters. It needs to be unique, not
/// secret: the clock and std's randomly keyed hasher suffice without a random crate.
fn message_id(from: &Mailbox) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let random = RandomState::new().hash_one(nanos);
    format!("<{nanos:x}.{random:016x}@{}>", from.email.domain())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(email: &Email) -> String {
        let from: Mailbox = "FluxStudio <no-reply@studio.example>".parse().unwrap();
        String::from_utf8(email.to_message(&from).unwrap().formatted()).unwrap()
    }

    #[test]
    fn has_a_text_and_an_html_part_both_base64() {
        let raw = formatted(&Email {
            to: "Zoë <zoe@studio.example>".into(),
            subject: "Hello".into(),
            text: "Hi Zoë".into(),
            html: "<p>Hi Zoë</p>".into(),
        });
        let lower = raw.to_ascii_lowercase();
        assert!(
            lower.contains("content-type: multipart/alternative;"),
            "{raw}"
        );
        assert!(
            lower.contains("content-type: text/plain; charset=utf-8"),
            "{raw}"
        );
        assert!(
            lower.contains("content-type: text/html; charset=utf-8"),
            "{raw}"
        );
        assert_eq!(
            lower.matches("content-transfer-encoding: base64").count(),
            2
        );
        assert!(!lower.contains("quoted-printable"), "{raw}");
        assert!(raw.contains("Subject: Hello\r\n"), "{raw}");
        assert!(
            raw.contains("From: FluxStudio <no-reply@studio.example>"),
            "{raw}"
        );
        assert!(raw.contains("@studio.example>\r\n"), "Message-ID: {raw}");
        // The bodies, base64: "Hi Zoë" and "<p>Hi Zoë</p>".
        assert!(raw.contains("SGkgWm/Dqw=="), "{raw}");
        assert!(raw.contains("PHA+SGkgWm/DqzwvcD4="), "{raw}");
        let text_at = raw.find("text/plain").unwrap();
        assert!(
            text_at < raw.find("text/html").unwrap(),
            "text first, HTML last"
        );
    }

    #[test]
    fn long_lines_never_exceed_the_smtp_limit() {
        let link = format!(
            "http://localhost:3001/reset-password?token={}",
            "a".repeat(2000)
        );
        let raw = formatted(&Email {
            to: "ada@studio.example".into(),
            subject: "Reset".into(),
            text: link.clone(),
            html: link,
        });
        assert!(raw.split("\r\n").all(|line| line.len() <= 78), "{raw}");
    }

    #[test]
    fn refuses_a_bad_recipient() {
        let from: Mailbox = "no-reply@studio.example".parse().unwrap();
        let email = Email {
            to: "not an address".into(),
            subject: String::new(),
            text: String::new(),
            html: String::new(),
        };
        let err = email.to_message(&from).unwrap_err();
        assert!(
            matches!(err, MailError::Address { field: "to", .. }),
            "{err}"
        );
    }

    #[test]
    fn message_ids_differ() {
        let from: Mailbox = "no-reply@studio.example".parse().unwrap();
        assert_ne!(message_id(&from), message_id(&from));
    }
}
