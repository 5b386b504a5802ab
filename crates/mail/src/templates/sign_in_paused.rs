//! The mail that tells an account's owner that sign-in was paused after wrong passwords.

use super::clean;
use super::layout::Content;
use crate::{Email, MailConfig};

/// To `to`, greeting `name`: wrong passwords from `address` paused sign-in from there. The
/// owner can still sign in from anywhere else, and the link leads to a password reset.
pub fn sign_in_paused(config: &MailConfig, to: &str, name: &str, address: &str) -> Email {
    let app = clean(&config.app_name);
    let base = config.app_url.trim().trim_end_matches('/');
    Content {
        config,
        to,
        subject: format!("Sign-in to your {app} account was paused"),
        greeting: format!("Hi {},", clean(name)),
        before: vec![format!(
            "Someone typed a wrong password for your {app} account several times from the \
             address {}, so sign-in from there is paused for a while. Signing in from your \
             own devices still works.",
            clean(address)
        )],
        action: "Reset your password",
        url: format!("{base}/forgot-password"),
        after: vec![
            "If it was you, wait a few minutes and try again, or reset your password.".to_owned(),
            "If it was not, your password held: consider changing it and turning on \
             two-factor authentication."
                .to_owned(),
        ],
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::tests::config;

    #[test]
    fn names_the_address_and_the_way_out() {
        let mail = sign_in_paused(
            &config("https://studio.example/"),
            "ada@studio.example",
            "Ada\r\nBcc: x",
            "203.0.113.9",
        );
        assert_eq!(
            mail.subject,
            "Sign-in to your FluxStudio account was paused"
        );
        for body in [&mail.text, &mail.html] {
            assert!(body.contains("203.0.113.9"), "{body}");
            assert!(
                body.contains("https://studio.example/forgot-password"),
                "{body}"
            );
            assert!(!body.contains("Ada\r\n"), "{body}");
        }
    }
}
