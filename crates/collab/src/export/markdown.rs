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
            let start = node.attr_u64("start").unwrap_or(1);
            list(children, |i| format!("{}. ", start + i as u64))
        }
        "taskList" => list(children, |_| "- ".to_owned()),
        "blockquote" => prefix_lines(&blocks(children).join("\n\n"), "> ", "> "),
        "codeBlock" => {
            let language = node.attr_str("language").unwrap_or("");
            let code = node.plain();
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

fn inline(nodes: &[Node]) -> String {
    super::inline(nodes, "\\\n", &styled)
}

fn styled(span: &Span) -> String {
    if span.marks.iter().any(|m| m.name == "code") {
        let fence = "`".repeat(longest_run(&span.text, '`') + 1);
        return format!("{fence}{}{fence}", span.text);
    }
    let mut text = escape(&span.text);
    for mark in &span.marks {
        text = match mark.name.as_str() {
            "bold" => format!("**{text}**"),
            "italic" => format!("*{text}*"),
            "strike" => format!("~~{text}~~"),
            "link" => match mark.href().filter(|h| safe_href(h)) {
                Some(href) => format!("[{text}]({})", href.replace(')', "%29").replace(' ', "%20")),
                None => text,
            },
            _ => text,
        };
    }
    text
}

/// Backslash-escapes what Markdown would read as syntax.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
}
