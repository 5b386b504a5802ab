//! A document rendered on the server: the editor's content (the `XmlFragment` named
//! `default`, as y-prosemirror and TipTap keep it) read into a small tree, then written
//! as Markdown, HTML or plain text. The node and mark names are TipTap's (StarterKit);
//! anything unknown keeps its text.

mod html;
mod markdown;
#[cfg(test)]
pub(crate) mod properties;
mod read;
mod text;

pub use read::read;

/// The fragment the editor binds to.
pub const FRAGMENT: &str = "default";

/// A block or inline element, or a run of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element {
        tag: String,
        attrs: serde_json::Map<String, serde_json::Value>,
        children: Vec<Node>,
    },
    Text(Vec<Span>),
}

/// Text with the marks (bold, link, …) it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub name: String,
    pub attrs: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
}

impl Format {
    /// Every word [`Format::parse`] reads.
    pub const WORDS: &'static [&'static str] = &["markdown", "md", "html", "text", "txt"];

    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "markdown" | "md" => Some(Self::Markdown),
            "html" => Some(Self::Html),
            "text" | "txt" => Some(Self::Text),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Markdown => "text/markdown; charset=utf-8",
            Self::Html => "text/html; charset=utf-8",
            Self::Text => "text/plain; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Text => "txt",
        }
    }
}

/// The document titled `title` with content `nodes`, in `format`.
pub fn render(format: Format, title: &str, nodes: &[Node]) -> String {
    match format {
        Format::Markdown => markdown::render(nodes),
        Format::Html => html::render(title, nodes),
        Format::Text => text::render(nodes),
    }
}

impl Node {
    pub(crate) fn attr_u64(&self, name: &str) -> Option<u64> {
        let Node::Element { attrs, .. } = self else {
            return None;
        };
        match attrs.get(name)? {
            serde_json::Value::Number(n) => n.as_u64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    pub(crate) fn attr_str(&self, name: &str) -> Option<&str> {
        let Node::Element { attrs, .. } = self else {
            return None;
        };
        attrs.get(name)?.as_str()
    }

    /// All the text inside, marks dropped.
    pub(crate) fn plain(&self) -> String {
        match self {
            Node::Text(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
            Node::Element { tag, children, .. } if tag == "hardBreak" => {
                let _ = children;
                "\n".to_owned()
            }
            Node::Element { children, .. } => children.iter().map(Node::plain).collect(),
        }
    }
}

/// Inline content (text runs and hard breaks) written with `styled` for each run and
/// `hard_break` for each break; other inline elements give their content.
pub(crate) fn inline(nodes: &[Node], hard_break: &str, styled: &dyn Fn(&Span) -> String) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(spans) => spans.iter().for_each(|span| out.push_str(&styled(span))),
            Node::Element { tag, .. } if tag == "hardBreak" => out.push_str(hard_break),
            Node::Element { children, .. } => out.push_str(&inline(children, hard_break, styled)),
        }
    }
    out
}

impl Mark {
    pub(crate) fn href(&self) -> Option<&str> {
        self.attrs.get("href")?.as_str()
    }
}

/// Whether a link target is safe to write into HTML or Markdown (no `javascript:`).
pub(crate) fn safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "/", "#"]
        .iter()
        .any(|p| lower.starts_with(p))
}

#[cfg(test)]
pub(crate) mod sample {
    use super::*;

    pub fn text(t: &str) -> Node {
        Node::Text(vec![Span {
            text: t.into(),
            marks: vec![],
        }])
    }

    pub fn marked(t: &str, mark: &str, attrs: serde_json::Value) -> Node {
        Node::Text(vec![Span {
            text: t.into(),
            marks: vec![Mark {
                name: mark.into(),
                attrs,
            }],
        }])
    }

    pub fn el(tag: &str, attrs: serde_json::Value, children: Vec<Node>) -> Node {
        Node::Element {
            tag: tag.into(),
            attrs: attrs.as_object().cloned().unwrap_or_default(),
            children,
        }
    }

    /// A heading, a paragraph with bold, italic and a link, a list, a quote, code, a rule.
    pub fn document() -> Vec<Node> {
        use serde_json::json;
        vec![
            el("heading", json!({"level": 2}), vec![text("Show concept")]),
            el(
                "paragraph",
                json!({}),
                vec![
                    text("Lights "),
                    marked("dim", "bold", json!({})),
                    text(" then "),
                    marked("bright", "italic", json!({})),
                    text(", see "),
                    marked(
                        "the plan",
                        "link",
                        json!({"href": "https://example.com/a?b=1&c=2"}),
                    ),
                    text(" <now>."),
                ],
            ),
            el(
                "bulletList",
                json!({}),
                vec![
                    el(
                        "listItem",
                        json!({}),
                        vec![el("paragraph", json!({}), vec![text("Stage")])],
                    ),
                    el(
                        "listItem",
                        json!({}),
                        vec![el("paragraph", json!({}), vec![text("Sound")])],
                    ),
                ],
            ),
            el(
                "orderedList",
                json!({"start": 3}),
                vec![el(
                    "listItem",
                    json!({}),
                    vec![el("paragraph", json!({}), vec![text("Third")])],
                )],
            ),
            el(
                "blockquote",
                json!({}),
                vec![el("paragraph", json!({}), vec![text("Quoted")])],
            ),
            el(
                "codeBlock",
                json!({"language": "rust"}),
                vec![text("let a = 1;\nlet b = 2;")],
            ),
            el("horizontalRule", json!({}), vec![]),
            el(
                "paragraph",
                json!({}),
                vec![text("one"), el("hardBreak", json!({}), vec![]), text("two")],
            ),
        ]
    }
}
