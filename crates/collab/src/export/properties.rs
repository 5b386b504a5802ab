//! Exports of any document the editor could hold: elements of TipTap's schema and others,
//! attributes of any type, text runs with any formatting, all of it text anybody typed,
//! written into the editor's fragment as y-prosemirror writes it, then read and rendered in
//! each format. None may panic; the HTML carries no tag of the text's making; the Markdown
//! carries no raw HTML and no unsafe link; the words typed are in every format.

use std::sync::Arc;

use proptest::prelude::*;
use yrs::{
    Any, Doc, Number, Text, Transact, TransactionMut, XmlElementPrelim, XmlFragment, XmlTextPrelim,
    types::{Attrs, xml::Xml},
};

use super::{FRAGMENT, Format, read, render, safe_href};

/// A piece of the editor's content as it is written.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    Element {
        tag: String,
        attrs: Vec<(String, Any)>,
        children: Vec<Piece>,
    },
    /// Runs of text, each with its marks (a mark's value is its attributes).
    Text(Vec<(String, Vec<(String, Any)>)>),
}

/// Writes `pieces` into `doc`'s editor fragment.
pub(crate) fn write(doc: &Doc, pieces: &[Piece]) {
    let fragment = doc.get_or_insert_xml_fragment(FRAGMENT);
    let mut txn = doc.transact_mut();
    for piece in pieces {
        push(&mut txn, &fragment, piece);
    }
}

fn push(txn: &mut TransactionMut, parent: &impl XmlFragment, piece: &Piece) {
    match piece {
        Piece::Element {
            tag,
            attrs,
            children,
        } => {
            let element = parent.push_back(txn, XmlElementPrelim::empty(tag.as_str()));
            for (key, value) in attrs {
                element.insert_attribute(txn, key.as_str(), value.clone());
            }
            for child in children {
                push(txn, &element, child);
            }
        }
        Piece::Text(runs) => {
            let text = parent.push_back(txn, XmlTextPrelim::new(""));
            for (run, marks) in runs {
                let attrs: Attrs = marks
                    .iter()
                    .map(|(name, value)| (Arc::from(name.as_str()), value.clone()))
                    .collect();
                let end = text.len(txn);
                text.insert_with_attributes(txn, end, run, attrs);
            }
        }
    }
}

/// Text anybody could type, markup and Markdown syntax above all.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9 <>&\"'`*_#!()\\[\\]\\\\\n\r-]{0,24}",
        "(<script>|<ScRiPt src=//x>|</p>|<!--|<img src=x onerror=alert(1)>|javascript:|&lt;|\n\n|    |```|> |- |1\\. ){1,4}",
    ]
}

/// An attribute's value of any type, numbers at the edges included.
fn value() -> impl Strategy<Value = Any> {
    prop_oneof![
        Just(Any::Null),
        Just(Any::Undefined),
        any::<bool>().prop_map(Any::Bool),
        any::<f64>().prop_map(|n| Any::Number(Number::Float(n))),
        (0..8u8).prop_map(|n| Any::Number(Number::Float(f64::from(n)))),
        any::<i64>().prop_map(|n| Any::Number(Number::Int(n))),
        prop::collection::vec(any::<u8>(), 0..4).prop_map(Any::from),
        typed().prop_map(Any::from),
        (u64::MAX - 3..=u64::MAX).prop_map(|n| Any::from(n.to_string())),
        "[0-9]{1,3}".prop_map(Any::from),
    ]
}

fn attrs() -> impl Strategy<Value = Vec<(String, Any)>> {
    let key = prop_oneof![
        prop::sample::select(vec!["level", "start", "language", "href", "checked"])
            .prop_map(str::to_owned),
        "[a-zA-Z]{1,6}",
    ];
    prop::collection::vec((key, value()), 0..3)
}

/// Marks as TipTap names them, with their attributes, and unknown ones.
fn marks() -> impl Strategy<Value = Vec<(String, Any)>> {
    let href = prop_oneof![
        typed(),
        "(https?://|mailto:|/|#| JavaScript:|javascript:|data:|vbscript:)[a-z0-9<>\"' ()\n]{0,12}",
    ];
    let mark = prop_oneof![
        prop::sample::select(vec!["bold", "italic", "strike", "underline", "code"])
            .prop_map(|name| (name.to_owned(), Any::Map(Default::default()))),
        (href, value()).prop_map(|(href, target)| {
            let attrs = [
                ("href".to_owned(), Any::from(href)),
                ("target".to_owned(), target),
            ];
            (
                "link".to_owned(),
                Any::from(
                    attrs
                        .into_iter()
                        .collect::<std::collections::HashMap<_, _>>(),
                ),
            )
        }),
        ("[a-zA-Z]{1,8}", value()),
    ];
    prop::collection::vec(mark, 0..3)
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "paragraph", "heading", "bulletList", "orderedList", "listItem", "taskList",
            "taskItem", "blockquote", "codeBlock", "horizontalRule", "hardBreak",
        ])
        .prop_map(str::to_owned),
        1 => prop_oneof!["script", "[a-zA-Z]{0,10}", any::<String>()],
    ]
}

/// A document's content: up to five blocks, nested up to four deep.
pub(crate) fn pieces() -> impl Strategy<Value = Vec<Piece>> {
    let text = prop::collection::vec((typed(), marks()), 1..4).prop_map(Piece::Text);
    let piece = text.prop_recursive(4, 32, 4, |inner| {
        (tag(), attrs(), prop::collection::vec(inner, 0..4)).prop_map(|(tag, attrs, children)| {
            Piece::Element {
                tag,
                attrs,
                children,
            }
        })
    });
    prop::collection::vec(piece, 0..5)
}

/// The words typed where every format keeps them: not inside a hard break or a rule,
/// whose content no format writes.
fn words(pieces: &[Piece], out: &mut Vec<String>) {
    for piece in pieces {
        match piece {
            Piece::Element { tag, .. } if tag == "hardBreak" || tag == "horizontalRule" => {}
            Piece::Element { children, .. } => words(children, out),
            Piece::Text(runs) => out.extend(runs.iter().flat_map(|(run, _)| {
                run.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })),
        }
    }
}

/// The tags the HTML export writes.
const TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "hr",
    "br",
    "strong",
    "em",
    "s",
    "u",
    "a",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_document_exports_in_every_format(pieces in pieces(), title in typed()) {
        let doc = Doc::new();
        write(&doc, &pieces);
        let nodes = read(&doc);
        let mut typed = Vec::new();
        words(&pieces, &mut typed);

        let html = render(Format::Html, &title, &nodes);
        prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        for (at, _) in html.match_indices('<') {
            let rest = &html[at + 1..];
            let name: String = rest
                .strip_prefix('/')
                .unwrap_or(rest)
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            prop_assert!(TAGS.contains(&name.as_str()), "<{name} in {html}");
        }
        for href in html.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap_or_default();
            prop_assert!(safe_href(href), "href {href:?} in {html}");
        }

        let markdown = render(Format::Markdown, &title, &nodes);
        for event in pulldown_cmark::Parser::new(&markdown) {
            match event {
                pulldown_cmark::Event::Html(html) | pulldown_cmark::Event::InlineHtml(html) => {
                    prop_assert!(false, "raw HTML {html:?} in:\n{markdown}");
                }
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                    prop_assert!(safe_href(&dest_url), "link {dest_url:?} in:\n{markdown}");
                }
                _ => {}
            }
        }

        let text = render(Format::Text, &title, &nodes);
        for word in &typed {
            prop_assert!(text.contains(word.as_str()), "{word:?} not in {text:?}");
            prop_assert!(html.contains(word.as_str()), "{word:?} not in {html:?}");
            prop_assert!(markdown.contains(word.as_str()), "{word:?} not in {markdown:?}");
        }
    }
}
