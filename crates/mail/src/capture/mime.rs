//! A received mail, and just enough MIME to read what the mailer writes: headers (folded,
//! RFC 2047 encoded words), nested multiparts, and base64 or 7bit/8bit bodies.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// One mail as the capture server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedMail {
    /// The envelope sender (`MAIL FROM`), `""` for the null sender.
    pub from: String,
    /// The envelope recipients (`RCPT TO`), in order.
    pub to: Vec<String>,
    /// The username the client authenticated with, if it did.
    pub auth_user: Option<String>,
    /// The message as sent after `DATA`, dot-unstuffed, with CRLF line endings.
    pub raw: String,
}

impl CapturedMail {
    /// The first header called `name` (case-insensitive), unfolded, encoded words decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let (headers, _) = split(&self.raw);
        find(&headers, name).map(decode_words)
    }

    /// The `Subject`, decoded.
    pub fn subject(&self) -> Option<String> {
        self.header("Subject")
    }

    /// The decoded `text/plain` part (or whole body), with `\n` line endings.
    pub fn text_body(&self) -> Option<String> {
        body_of(&self.raw, "text/plain")
    }

    /// The decoded `text/html` part, with `\n` line endings.
    pub fn html_body(&self) -> Option<String> {
        body_of(&self.raw, "text/html")
    }

    /// The first URL in the text body that starts with `prefix`, up to the next space,
    /// quote or angle bracket (trailing sentence punctuation dropped).
    pub fn link(&self, prefix: &str) -> Option<String> {
        let text = self.text_body()?;
        let start = text.find(prefix)?;
        let rest = &text[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(rest.len());
        let link = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        (link.len() >= prefix.len()).then(|| link.to_owned())
    }
}

/// Headers (unfolded, one `(name, value)` each) and the body after the blank line.
fn split(entity: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = entity
        .split_once("\r\n\r\n")
        .or_else(|| entity.split_once("\n\n"))
        .unwrap_or((entity, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    (headers, body)
}

fn find<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// `parameter` of a header value such as `multipart/alternative; boundary="abc"`.
fn parameter(value: &str, parameter: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|pair| {
        let (key, raw) = pair.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(parameter)
            .then(|| raw.trim().trim_matches('"').to_owned())
    })
}

/// The decoded body of the first part of type `mime`, looking inside multiparts.
fn body_of(entity: &str, mime: &str) -> Option<String> {
    let (headers, body) = split(entity);
    let content_type = find(&headers, "Content-Type").unwrap_or("text/plain");
    let kind = content_type.split(';').next().unwrap_or_default().trim();
    if kind.to_ascii_lowercase().starts_with("multipart/") {
        let delimiter = format!("--{}", parameter(content_type, "boundary")?);
        for part in body.split(delimiter.as_str()).skip(1) {
            if part.starts_with("--") {
                break; // The closing delimiter.
            }
            let part = part.strip_prefix("\r\n").unwrap_or(part);
            let part = part.strip_suffix("\r\n").unwrap_or(part);
            if let Some(found) = body_of(part, mime) {
                return Some(found);
            }
        }
        return None;
    }
    if !kind.eq_ignore_ascii_case(mime) {
        return None;
    }
    let encoding = find(&headers, "Content-Transfer-Encoding").unwrap_or("7bit");
    let decoded = match encoding.to_ascii_lowercase().as_str() {
        "base64" => {
            let compact: String = body.split_whitespace().collect();
            String::from_utf8(STANDARD.decode(compact).ok()?).ok()?
        }
        "7bit" | "8bit" | "binary" => body.to_owned(),
        _ => return None, // quoted-printable and the rest: the mailer does not write them.
    };
    Some(decoded.replace("\r\n", "\n"))
}

/// Decodes RFC 2047 words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header value; the
/// blanks between two adjacent encoded words disappear, as the RFC says.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let Some((decoded, len)) = encoded_word(&rest[start..]) else {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            after_word = false;
            continue;
        };
        let between = &rest[..start];
        if !(after_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        out.push_str(&decoded);
        rest = &rest[start + len..];
        after_word = true;
    }
    out.push_str(rest);
    out
}

/// One encoded word at the start of `s`: its text and its length in `s`.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let mut fields = s[2..].splitn(3, '?');
    let (charset, encoding, rest) = (fields.next()?, fields.next()?, fields.next()?);
    let text = &rest[..rest.find("?=")?];
    let bytes = match encoding {
        "b" | "B" => STANDARD.decode(text).ok()?,
        "q" | "Q" => q_decode(text)?,
        _ => return None,
    };
    let len = 2 + charset.len() + 1 + encoding.len() + 1 + text.len() + 2;
    Some((String::from_utf8(bytes).ok()?, len))
}

fn q_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut bytes = text.bytes();
    while let Some(byte) = bytes.next() {
        match byte {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = [bytes.next()?, bytes.next()?];
                out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
            }
            _ => out.push(byte),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use lettre::message::Mailbox;

    use super::*;
    use crate::Email;

    fn captured(email: &Email) -> CapturedMail {
        let from: Mailbox = "FluxStudio <no-reply@studio.example>".parse().unwrap();
        let raw = email.to_message(&from).unwrap().formatted();
        CapturedMail {
            from: "no-reply@studio.example".into(),
            to: vec!["zoe@studio.example".into()],
            auth_user: None,
            raw: String::from_utf8(raw).unwrap(),
        }
    }

    #[test]
    fn reads_back_what_the_mailer_writes() {
        let link = format!(
            "http://localhost:3001/reset-password?token={}",
            "x".repeat(120)
        );
        let email = Email {
            to: "Zoë <zoe@studio.example>".into(),
            subject: "Zoë, réinitialisez votre mot de passe — a long subject that lettre folds"
                .into(),
            text: format!("Hi Zoë,\n\nOpen {link}.\n"),
            html: format!("<p>Hi Zoë,</p>\n<a href=\"{link}\">{link}</a>\n"),
        };
        let mail = captured(&email);
        assert_eq!(mail.subject().as_deref(), Some(email.subject.as_str()));
        assert_eq!(mail.text_body().as_deref(), Some(email.text.as_str()));
        assert_eq!(mail.html_body().as_deref(), Some(email.html.as_str()));
        assert_eq!(
            mail.link("http://localhost:3001/reset-password?token=")
                .as_deref(),
            Some(link.as_str())
        );
        assert_eq!(mail.link("https://elsewhere.example/"), None);
        assert!(mail.header("to").unwrap().contains("zoe@studio.example"));
    }

    #[test]
    fn reads_a_single_part_seven_bit_mail() {
        let mail = CapturedMail {
            from: String::new(),
            to: vec![],
            auth_user: None,
            raw: "Subject: =?utf-8?q?Caf=C3=A9_time?= =?utf-8?b?IQ==?=\r\n\r\nSee <http://x.example/a?b=1>\r\n".into(),
        };
        assert_eq!(mail.subject().as_deref(), Some("Café time!"));
        assert_eq!(
            mail.text_body().as_deref(),
            Some("See <http://x.example/a?b=1>\n")
        );
        assert_eq!(mail.html_body(), None);
        assert_eq!(
            mail.link("http://x.example/").as_deref(),
            Some("http://x.example/a?b=1")
        );
    }

    #[test]
    fn leaves_malformed_words_alone() {
        assert_eq!(
            decode_words("=?utf-8?x?abc?= plain =?"),
            "=?utf-8?x?abc?= plain =?"
        );
        assert_eq!(decode_words("a =?utf-8?b?Yg==?= c"), "a b c");
    }
}
