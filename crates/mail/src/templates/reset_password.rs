//! The mail that lets a user choose a new password.

use super::layout::Content;
use super::{clean, token_link};
use crate::{Email, MailConfig};

/// To `to`, greeting `name`, with the link `{app_url}/reset-password?token={token}`,
/// valid for one hour and once.
pub fn reset_password(config: &MailConfig, to: &str, name: &str, token: &str) -> Email {
    let app = clean(&config.app_name);
    Content {
        config,
        to,
        subject: format!("Reset your {app} password"),
        greeting: format!("Hi {},", clean(name)),
        before: vec![format!(
            "Someone, hopefully you, asked to reset the password of your {app} account. \
             Open this link to choose a new one:"
        )],
        action: "Choose a new password",
        url: token_link(config, "/reset-password", token),
        after: vec![
            "The link is valid for 1 hour and can be used only once.".to_owned(),
            "If you did not ask for this, you can ignore this mail: your password stays as it is."
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
    fn carries_the_link_its_validity_and_the_way_out() {
        let mail = reset_password(
            &config("https://studio.example"),
            "ada@studio.example",
            "Ada",
            "r3s3t",
        );
        let link = "https://studio.example/reset-password?token=r3s3t";
        assert_eq!(mail.subject, "Reset your FluxStudio password");
        for body in [&mail.text, &mail.html] {
            assert!(body.contains(link), "{body}");
            assert!(body.contains("valid for 1 hour"), "{body}");
            assert!(body.contains("only once"), "{body}");
            assert!(
                body.contains("If you did not ask for this, you can ignore this mail"),
                "{body}"
            );
        }
    }

    #[test]
    fn a_line_break_in_the_name_stays_on_its_line() {
        let mail = reset_password(
            &config("https://studio.example"),
            "a@studio.example",
            "Ada\r\nEve",
            "t",
        );
        assert!(mail.text.starts_with("Hi Ada  Eve,\n"), "{}", mail.text);
    }
}
