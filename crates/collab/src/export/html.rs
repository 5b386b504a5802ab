//! A standalone HTML page.

use super::{Node, Span, safe_href};

pub fn render(title: &str, nodes: &[Node]) -> String {
    format!(
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(title),
        blocks(nodes)
    )
}

fn blocks(nodes: &[Node]) -> String {
    nodes.iter().map(block).collect()
}

fn block(node: &Node) -> String {
    let Node::Element { tag, children, .. } = node else {
        return format!("<p>{}</p>\n", inline(std::slice::from_ref(node)));
    };
    match tag.as_str() {
        "heading" => {
            let level = node.attr_u64("level").unwrap_or(1).clamp(1, 6);
            format!("<h{level}>{}</h{level}>\n", inline(children))
        }
        "paragraph" => format!("<p>{}</p>\n", inline(children)),
        "bulletList" | "taskList" => format!("<ul>\n{}</ul>\n", blocks(children)),
        "orderedList" => match node.attr_u64("start").filter(|s| *s != 1) {
            Some(start) => format!("<ol start=\"{start}\">\n{}</ol>\n", blocks(children)),
            None => format!("<ol>\n{}</ol>\n", blocks(children)),
        },
        "listItem" | "taskItem" => format!("<li>{}</li>\n", blocks(children).trim_end()),
        "blockquote" => format!("<blockquote>\n{}</blockquote>\n", blocks(children)),
        "codeBlock" => {
            let class = node
                .attr_str("language")
                .filter(|l| !l.is_empty())
                .map(|l| format!(" class=\"language-{}\"", escape(l)))
                .unwrap_or_default();
            format!("<pre><code{class}>{}</code></pre>\n", escape(&node.plain()))
        }
        "horizontalRule" => "<hr>\n".to_owned(),
        _ => blocks(children),
    }
}

fn inline(nodes: &[Node]) -> String {
    super::inline(nodes, "<br>", &styled)
}

fn styled(span: &Span) -> String {
    let mut text = escape(&span.text);
    for mark in &span.marks {
        text = match mark.name.as_str() {
            "bold" => format!("<strong>{text}</strong>"),
            "italic" => format!("<em>{text}</em>"),
            "strike" => format!("<s>{text}</s>"),
            "underline" => format!("<u>{text}</u>"),
            "code" => format!("<code>{text}</code>"),
            "link" => match mark.href().filter(|h| safe_href(h)) {
                Some(href) => format!("<a href=\"{}\">{text}</a>", escape(href)),
                None => text,
            },
            _ => text,
        };
    }
    text
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::sample;

    #[test]
    fn writes_a_page_with_escaped_text() {
        let page = super::render("Plan <1>", &sample::document());
        assert!(page.contains("<title>Plan &lt;1&gt;</title>"), "{page}");
        for part in [
            "<h2>Show concept</h2>",
            "<p>Lights <strong>dim</strong> then <em>bright</em>, see <a href=\"https://example.com/a?b=1&amp;c=2\">the plan</a> &lt;now&gt;.</p>",
            "<ul>\n<li><p>Stage</p></li>\n<li><p>Sound</p></li>\n</ul>",
            "<ol start=\"3\">",
            "<blockquote>\n<p>Quoted</p>\n</blockquote>",
            "<pre><code class=\"language-rust\">let a = 1;\nlet b = 2;</code></pre>",
            "<hr>",
            "<p>one<br>two</p>",
        ] {
            assert!(page.contains(part), "{part} not in {page}");
        }
    }

    #[test]
    fn never_writes_a_script_link() {
        use serde_json::json;
        let nodes = vec![sample::el(
            "paragraph",
            json!({}),
            vec![sample::marked(
                "x",
                "link",
                json!({"href": " JavaScript:alert(1)"}),
            )],
        )];
        assert!(
            !super::render("t", &nodes)
                .to_lowercase()
                .contains("javascript")
        );
    }
}
