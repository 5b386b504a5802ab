//! The mail that confirms a new account's address.

use super::layout::Content;
use super::{clean, token_link};
use crate::{Email, MailConfig};

/// To `to`, greeting `name`, with the link `{app_url}/verify-email?token={token}`.
pub fn verify_email(config: &MailConfig, to: &str, name: &str, token: &str) -> Email {
    let app = clean(&config.app_name);
    Content {
        config,
        to,
        subject: format!("Confirm your email address for {app}"),
        greeting: format!("Hi {},", clean(name)),
        before: vec![format!(
            "Welcome to {app}. Please confirm that this is your email address by opening this link:"
        )],
        action: "Confirm my email address",
        url: token_link(config, "/verify-email", token),
        after: vec![format!(
            "If you did not create a {app} account, you can ignore this mail."
        )],
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::tests::config;

    #[test]
    fn both_bodies_carry_the_link() {
        let mail = verify_email(
            &config("http://localhost:3001/"),
            "ada@studio.example",
            "Ada",
            "tok_-1",
        );
        let link = "http://localhost:3001/verify-email?token=tok_-1";
        assert_eq!(mail.to, "ada@studio.example");
        assert_eq!(mail.subject, "Confirm your email address for FluxStudio");
        assert!(mail.text.starts_with("Hi Ada,\n\n"), "{}", mail.text);
        assert!(mail.text.contains(&format!("\n{link}\n")), "{}", mail.text);
        assert!(
            mail.html.contains(&format!("href=\"{link}\"")),
            "{}",
            mail.html
        );
        assert!(mail.html.contains(&format!(">{link}</a>")), "{}", mail.html);
    }

    #[test]
    fn escapes_the_name_in_html_only() {
        let name = "<script>alert('x')</script> & Co";
        let mail = verify_email(
            &config("http://localhost:3001"),
            "ada@studio.example",
            name,
            "t",
        );
        assert!(!mail.html.contains("<script>"), "{}", mail.html);
        assert!(
            mail.html
                .contains("Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co,"),
            "{}",
            mail.html
        );
        assert!(
            mail.text.starts_with(&format!("Hi {name},")),
            "{}",
            mail.text
        );
    }
}
