//! The mail that invites someone into an organization.

use super::layout::Content;
use super::{clean, token_link};
use crate::{Email, MailConfig};

/// To `to`, from `inviter_name`, to join `organization_name` as `role`, with the link
/// `{app_url}/invitations/accept?token={token}`, valid for seven days.
pub fn invitation(
    config: &MailConfig,
    to: &str,
    inviter_name: &str,
    organization_name: &str,
    role: &str,
    token: &str,
) -> Email {
    let app = clean(&config.app_name);
    let (inviter, organization, role) =
        (clean(inviter_name), clean(organization_name), clean(role));
    Content {
        config,
        to,
        subject: format!("{inviter} invited you to {organization} on {app}"),
        greeting: "Hello,".to_owned(),
        before: vec![format!(
            "{inviter} invited you to join {organization} on {app} as {role}. \
             Open this link to accept:"
        )],
        action: "Accept the invitation",
        url: token_link(config, "/invitations/accept", token),
        after: vec![
            "The invitation is valid for 7 days.".to_owned(),
            "If you were not expecting it, you can ignore this mail.".to_owned(),
        ],
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::tests::config;

    #[test]
    fn names_everyone_and_carries_the_link() {
        let mail = invitation(
            &config("http://localhost:3001/"),
            "zoe@studio.example",
            "Ada Lovelace",
            "Studio Nine",
            "admin",
            "inv1te",
        );
        let link = "http://localhost:3001/invitations/accept?token=inv1te";
        assert_eq!(
            mail.subject,
            "Ada Lovelace invited you to Studio Nine on FluxStudio"
        );
        for body in [&mail.text, &mail.html] {
            assert!(body.contains(link), "{body}");
            assert!(
                body.contains(
                    "Ada Lovelace invited you to join Studio Nine on FluxStudio as admin."
                ),
                "{body}"
            );
            assert!(body.contains("valid for 7 days"), "{body}");
        }
    }

    #[test]
    fn escapes_every_value_in_html() {
        let mail = invitation(
            &config("http://localhost:3001"),
            "zoe@studio.example",
            "<b>Ada</b>",
            "\"Nine\" & <i>Co</i>",
            "<admin>",
            "t",
        );
        for raw in ["<b>", "<i>", "<admin>", "\"Nine\""] {
            assert!(!mail.html.contains(raw), "{raw} in {}", mail.html);
        }
        assert!(mail.html.contains("&lt;b&gt;Ada&lt;/b&gt; invited you to join &quot;Nine&quot; &amp; &lt;i&gt;Co&lt;/i&gt;"), "{}", mail.html);
        assert!(mail.html.contains("as &lt;admin&gt;."), "{}", mail.html);
        assert!(
            mail.html
                .contains("<title>&lt;b&gt;Ada&lt;/b&gt; invited you"),
            "{}",
            mail.html
        );
    }
}
