//! Plain text: blocks separated by a blank line, list items marked.

use super::Node;

pub fn render(nodes: &[Node]) -> String {
    let mut out = blocks(nodes).join("\n\n");
    out.push('\n');
    out
}

fn blocks(nodes: &[Node]) -> Vec<String> {
    nodes.iter().map(block).filter(|b| !b.is_empty()).collect()
}

fn block(node: &Node) -> String {
    let Node::Element { tag, children, .. } = node else {
        return node.plain();
    };
    match tag.as_str() {
        "bulletList" | "taskList" => list(children, |_| "- ".to_owned()),
        "orderedList" => {
            // Any number a collaborator wrote, `u64::MAX` too: the count stops there.
            let start = node.attr_u64("start").unwrap_or(1);
            list(children, |i| {
                format!("{}. ", start.saturating_add(i as u64))
            })
        }
        "horizontalRule" => "---".to_owned(),
        "paragraph" | "heading" | "codeBlock" => node.plain(),
        _ => blocks(children).join("\n\n"),
    }
}

fn list(items: &[Node], marker: impl Fn(usize) -> String) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = marker(i);
            let indent = " ".repeat(marker.len());
            let body = match item {
                Node::Element { children, .. } => blocks(children).join("\n"),
                other => other.plain(),
            };
            body.lines()
                .enumerate()
                .map(|(n, line)| format!("{}{line}", if n == 0 { &marker } else { &indent }))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::sample;

    #[test]
    fn keeps_the_words_and_the_list_markers() {
        let expected = "Show concept\n\n\
            Lights dim then bright, see the plan <now>.\n\n\
            - Stage\n- Sound\n\n\
            3. Third\n\n\
            Quoted\n\n\
            let a = 1;\nlet b = 2;\n\n\
            ---\n\n\
            one\ntwo\n";
        assert_eq!(super::render(&sample::document()), expected);
    }
}
