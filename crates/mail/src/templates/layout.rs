//! The one shape every FluxStudio mail has (greeting, paragraphs, one call to action,
//! paragraphs, signature), rendered once as text and once as HTML so the two never drift.

use super::escape_html;
use crate::{Email, MailConfig};

/// A mail's content, in plain text. Values from users must already be [`clean`](super::clean)ed;
/// [`Content::render`] escapes everything for the HTML body.
pub(super) struct Content<'a> {
    pub config: &'a MailConfig,
    pub to: &'a str,
    pub subject: String,
    pub greeting: String,
    pub before: Vec<String>,
    /// The button's label in HTML.
    pub action: &'a str,
    pub url: String,
    pub after: Vec<String>,
}

impl Content<'_> {
    pub fn render(self) -> Email {
        Email {
            to: self.to.to_owned(),
            text: self.text(),
            html: self.html(),
            subject: self.subject,
        }
    }

    /// The link alone on its line, so that it is clickable in any client and easy to copy.
    fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.greeting);
        for paragraph in &self.before {
            out.push_str(&format!("{paragraph}\n\n"));
        }
        out.push_str(&format!("{}\n\n", self.url));
        for paragraph in &self.after {
            out.push_str(&format!("{paragraph}\n\n"));
        }
        out.push_str(&format!("— {}\n", self.config.app_name));
        out
    }

    /// Inline styles only (mail clients drop `<style>` and external sheets), a table-free
    /// single column, and the link spelled out under the button for clients that block it.
    fn html(&self) -> String {
        let url = escape_html(&self.url);
        let paragraphs = |list: &[String]| {
            list.iter()
                .map(|p| format!("<p style=\"margin:0 0 16px\">{}</p>\n", escape_html(p)))
                .collect::<String>()
        };
        format!(
            r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{subject}</title>
</head>
<body style="margin:0;padding:24px;background:#f4f4f5;color:#18181b;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<p style="margin:0 0 16px">{greeting}</p>
{before}<p style="margin:24px 0"><a href="{url}" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">{action}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52525b">If the button does not work, open this address in your browser:<br><a href="{url}" style="color:#4f46e5;word-break:break-all">{url}</a></p>
{after}<p style="margin:24px 0 0;color:#52525b">— {app_name}</p>
</div>
</body>
</html>
"#,
            subject = escape_html(&self.subject),
            greeting = escape_html(&self.greeting),
            before = paragraphs(&self.before),
            action = escape_html(self.action),
            after = paragraphs(&self.after),
            app_name = escape_html(&self.config.app_name),
        )
    }
}
