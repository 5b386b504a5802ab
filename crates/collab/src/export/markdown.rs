//! Markdown (CommonMark with GitHub's strikethrough).

use super::{Node, Span, safe_href};

pub fn render(nodes: &[Node]) -> String {
    let mut out = blocks(nodes).join("\n\n");
    out.push('\n');
    out
}

/// Each block as its lines, without the blank line between blocks.
fn blocks(nodes: &[Node]) -> Vec<String> {
    nodes.iter().filter_map(block).collect()
}

fn block(node: &Node) -> Option<String> {
    let Node::Element { tag, children, .. } = node else {
        return Some(inline(std::slice::from_ref(node)));
    };
    Some(match tag.as_str() {
        "heading" => {
            let level = node.attr_u64("level").unwrap_or(1).clamp(1, 6) as usize;
            format!("{} {}", "#".repeat(level), inline(children))
        }
        "bulletList" => list(children, |_| "- ".to_owned()),
        "orderedList" => {
            // Any number a collaborator wrote, `u64::MAX` too: the count stops there.
            let start = node.attr_u64("start").unwrap_or(1);
            list(children, |i| {
                format!("{}. ", start.saturating_add(i as u64))
            })
        }
        "taskList" => list(children, |_| "- ".to_owned()),
        "blockquote" => prefix_lines(&blocks(children).join("\n\n"), "> ", "> "),
        "codeBlock" => {
            let language = info_string(node.attr_str("language").unwrap_or(""));
            // A lone carriage return is a line ending to a Markdown reader: inside a list or
            // a quote it would start a line without the prefix and end the block early.
            let code = one_line_ending(&node.plain());
            // A fence longer than any run of backticks inside.
            let fence = "`".repeat(longest_run(&code, '`').max(2) + 1);
            format!("{fence}{language}\n{code}\n{fence}")
        }
        "horizontalRule" => "---".to_owned(),
        "paragraph" => {
            let text = inline(children);
            if text.is_empty() {
                return None;
            }
            text
        }
        _ => blocks(children).join("\n\n"),
    })
}

fn list(items: &[Node], marker: impl Fn(usize) -> String) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = marker(i);
            let body = match item {
                Node::Element { children, .. } => blocks(children).join("\n\n"),
                text => inline(std::slice::from_ref(text)),
            };
            let indent = " ".repeat(marker.len());
            prefix_lines(&body, &marker, &indent)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { rest };
            if line.is_empty() {
                prefix.trim_end().to_owned()
            } else {
                format!("{prefix}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline content: text runs, each styled, and hard breaks. Runs in code side by side (in
/// one text or not) are written as one code span: two spans would touch fence to fence
/// (`` `a` `` then `` `b` `` is `` `a``b` ``), and a reader pairs fences of one length, so the
/// first would end further on or never, and the text between would be read as Markdown, raw
/// HTML included. An empty run is not written, so it cannot stand between them either.
fn inline(nodes: &[Node]) -> String {
    let mut out = String::new();
    let mut code = String::new();
    for piece in pieces(nodes) {
        match piece {
            Some(span) if span.text.is_empty() => {}
            Some(span) if span.marks.iter().any(|m| m.name == "code") => {
                code.push_str(&span.text);
            }
            piece => {
                if !code.is_empty() {
                    out.push_str(&code_span(&std::mem::take(&mut code)));
                }
                out.push_str(&piece.map_or_else(|| "\\\n".to_owned(), styled));
            }
        }
    }
    if !code.is_empty() {
        out.push_str(&code_span(&code));
    }
    out
}

/// The text runs of inline content in order, `None` for each hard break; other inline
/// elements give their content.
fn pieces(nodes: &[Node]) -> Vec<Option<&Span>> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Text(spans) => out.extend(spans.iter().map(Some)),
            Node::Element { tag, .. } if tag == "hardBreak" => out.push(None),
            Node::Element { children, .. } => out.extend(pieces(children)),
        }
    }
    out
}

/// A run not in code, with its marks.
fn styled(span: &Span) -> String {
    let mut text = escape(&span.text);
    for mark in &span.marks {
        text = match mark.name.as_str() {
            "bold" => format!("**{text}**"),
            "italic" => format!("*{text}*"),
            "strike" => format!("~~{text}~~"),
            "link" => match mark.href().filter(|h| safe_href(h)) {
                Some(href) => format!("[{text}]({})", link_target(href)),
                None => text,
            },
            _ => text,
        };
    }
    text
}

/// Backslash-escapes what Markdown would read as syntax. A line ending inside a run of
/// text becomes a space: it could otherwise end the paragraph and start any block at all.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '~' | '|' | '&'
        ) {
            out.push('\\');
        }
        out.push(if is_line_ending(c) { ' ' } else { c });
    }
    out
}

/// Text marked as code, on one line (a code span cannot hold a line ending safely: a
/// blank line inside would end it and leave the rest to be read as Markdown, raw HTML
/// included). The fence is longer than any run of backticks inside, and padded when the
/// text starts or ends with one, as CommonMark requires.
fn code_span(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if is_line_ending(c) { ' ' } else { c })
        .collect();
    let fence = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A link target with everything that could end it, or the line, percent-encoded.
fn link_target(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.trim().chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>' | '\\' | '`') {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A code block's language as a fence's info string: one word of the characters
/// languages are named with, so it can neither end the line nor close the fence.
fn info_string(language: &str) -> String {
    language
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.' | '#'))
        .take(40)
        .collect()
}

fn is_line_ending(c: char) -> bool {
    matches!(c, '\n' | '\r')
}

/// `\r\n` and lone `\r` as `\n`, the one line ending the writer prefixes lines at.
fn one_line_ending(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::sample;

    #[test]
    fn writes_each_kind_of_block_and_mark() {
        let expected = "## Show concept\n\n\
            Lights **dim** then *bright*, see [the plan](https://example.com/a?b=1&c=2) \\<now\\>.\n\n\
            - Stage\n- Sound\n\n\
            3. Third\n\n\
            > Quoted\n\n\
            ```rust\nlet a = 1;\nlet b = 2;\n```\n\n\
            ---\n\n\
            one\\\ntwo\n";
        assert_eq!(super::render(&sample::document()), expected);
    }

    #[test]
    fn drops_unsafe_links_and_escapes_syntax() {
        use serde_json::json;
        let nodes = vec![sample::el(
            "paragraph",
            json!({}),
            vec![
                sample::marked("click", "link", json!({"href": "javascript:alert(1)"})),
                sample::text(" *not bold*"),
            ],
        )];
        assert_eq!(super::render(&nodes), "click \\*not bold\\*\n");
    }

    /// Every way the probe (and then some) tried to get raw HTML through the Markdown
    /// export, read back by a CommonMark parser: none of it may come out as HTML.
    #[test]
    fn markdown_export_carries_no_raw_html() {
        use serde_json::json;
        let payload = "<img src=x onerror=alert(1)>";
        let para = |children| sample::el("paragraph", json!({}), children);
        let item = |children| sample::el("listItem", json!({}), children);
        let code_block = |language: &str, code: &str| {
            sample::el(
                "codeBlock",
                json!({ "language": language }),
                vec![sample::text(code)],
            )
        };
        let nodes = vec![
            para(vec![sample::marked(
                &format!("x\n\n{payload}\n\n"),
                "code",
                json!({}),
            )]),
            para(vec![sample::marked(
                &format!("`\r\r{payload}"),
                "code",
                json!({}),
            )]),
            code_block(&format!("js\n```\n\n{payload}\n"), "let a;"),
            code_block("", &format!("a\n```\n{payload}")),
            sample::el(
                "bulletList",
                json!({}),
                vec![item(vec![code_block("", &format!("a\r\r{payload}\r"))])],
            ),
            para(vec![sample::marked(
                "link",
                "link",
                json!({ "href": format!("https://x.example/\n\n{payload}") }),
            )]),
            para(vec![sample::text(&format!(
                "plain\r\n\r\n{payload} &lt;b&gt; <!-- c -->"
            ))]),
            sample::el(
                "heading",
                json!({ "level": 1 }),
                vec![sample::text(&format!("t\n{payload}"))],
            ),
        ];
        let out = super::render(&nodes);
        let html: Vec<_> = pulldown_cmark::Parser::new(&out)
            .filter(|event| {
                matches!(
                    event,
                    pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
                )
            })
            .collect();
        assert!(html.is_empty(), "raw HTML {html:?} in:\n{out}");
        assert!(
            out.contains("js\n"),
            "the language keeps its first word:\n{out}"
        );
        assert!(out.contains("https://x.example/%0A%0A%3Cimg"), "{out}");
    }

    #[test]
    fn code_spans_keep_backticks_and_spaces() {
        use serde_json::json;
        for text in ["`tick", "tick`", " both ", "a``b"] {
            let nodes = vec![sample::el(
                "paragraph",
                json!({}),
                vec![sample::marked(text, "code", json!({}))],
            )];
            let out = super::render(&nodes);
            let code: Vec<String> = pulldown_cmark::Parser::new(&out)
                .filter_map(|event| match event {
                    pulldown_cmark::Event::Code(code) => Some(code.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(code, vec![text.to_owned()], "{out}");
        }
    }
}
