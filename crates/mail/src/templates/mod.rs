//! The mails FluxStudio sends, each a function returning an [`Email`](crate::Email) with a
//! plain-text and an HTML body that both carry the full link.
//!
//! Names, organizations and roles come from users: in HTML they are escaped (a name can be
//! `<script>`), and everywhere control characters are turned into spaces so that a line
//! break in a name can neither add a header nor fake a paragraph of the mail. Tokens are
//! percent-encoded into the link even though they are URL-safe already, so a future token
//! format cannot produce a broken or ambiguous URL.

mod invitation;
mod layout;
mod reset_password;
mod sign_in_paused;
mod verify_email;

pub use invitation::invitation;
pub use reset_password::reset_password;
pub use sign_in_paused::sign_in_paused;
pub use verify_email::verify_email;

use crate::MailConfig;

/// `{app_url}{path}?token={token}`, with the token percent-encoded and a trailing slash of
/// `APP_URL` dropped (`http://studio.example/` must not give `//verify-email`).
fn token_link(config: &MailConfig, path: &str, token: &str) -> String {
    let base = config.app_url.trim().trim_end_matches('/');
    format!("{base}{path}?token={}", percent_encode(token))
}

/// RFC 3986: everything but the unreserved characters becomes `%XX` (UTF-8 bytes).
fn percent_encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A user-supplied value made safe for one line of a subject or text body: control
/// characters (line breaks, tabs, escapes) become spaces, and the ends are trimmed.
fn clean(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Escapes text for HTML element content and double- or single-quoted attributes.
fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn config(app_url: &str) -> MailConfig {
        MailConfig {
            smtp: None,
            from: "FluxStudio <no-reply@localhost>".into(),
            app_url: app_url.into(),
            app_name: "FluxStudio".into(),
        }
    }

    #[test]
    fn links_drop_trailing_slashes_and_encode_the_token() {
        for app_url in [
            "http://localhost:3001",
            "http://localhost:3001/",
            "http://localhost:3001//",
        ] {
            assert_eq!(
                token_link(&config(app_url), "/verify-email", "abc-_9"),
                "http://localhost:3001/verify-email?token=abc-_9"
            );
        }
        assert_eq!(
            token_link(&config("https://studio.example/app/"), "/x", "a+b/c=&d é"),
            "https://studio.example/app/x?token=a%2Bb%2Fc%3D%26d%20%C3%A9"
        );
    }

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            escape_html(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape_html("Zoë"), "Zoë");
    }

    #[test]
    fn clean_flattens_control_characters() {
        assert_eq!(
            clean(" Ada\r\nBcc: x@evil.example\t"),
            "Ada  Bcc: x@evil.example"
        );
    }
}
