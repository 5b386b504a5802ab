//! Reading the editor's fragment out of a Yjs document.

use yrs::{
    Doc, Out, ReadTxn, Text, Transact, XmlFragment, XmlOut,
    types::{Attrs, xml::Xml},
};

use super::{FRAGMENT, Mark, Node, Span};

/// The content of `doc` as a tree.
pub fn read(doc: &Doc) -> Vec<Node> {
    let fragment = doc.get_or_insert_xml_fragment(FRAGMENT);
    let txn = doc.transact();
    fragment
        .children(&txn)
        .map(|child| node(&txn, child))
        .collect()
}

fn node<T: ReadTxn>(txn: &T, xml: XmlOut) -> Node {
    match xml {
        XmlOut::Element(element) => Node::Element {
            tag: element.tag().to_string(),
            attrs: element
                .attributes(txn)
                .map(|(key, value)| (key.to_owned(), json(&value, txn)))
                .collect(),
            children: element.children(txn).map(|c| node(txn, c)).collect(),
        },
        XmlOut::Fragment(fragment) => Node::Element {
            tag: String::new(),
            attrs: serde_json::Map::new(),
            children: fragment.children(txn).map(|c| node(txn, c)).collect(),
        },
        XmlOut::Text(text) => Node::Text(
            text.diff(txn, yrs::types::text::YChange::identity)
                .into_iter()
                .filter_map(|chunk| match chunk.insert {
                    Out::Any(yrs::Any::String(s)) => Some(Span {
                        text: s.to_string(),
                        marks: marks(chunk.attributes.as_deref()),
                    }),
                    _ => None,
                })
                .collect(),
        ),
    }
}

fn marks(attrs: Option<&Attrs>) -> Vec<Mark> {
    let mut marks: Vec<Mark> = attrs
        .into_iter()
        .flatten()
        .map(|(name, value)| Mark {
            name: name.to_string(),
            attrs: serde_json::to_value(value).unwrap_or_default(),
        })
        .collect();
    // A stable order, so the same text renders the same way each time.
    marks.sort_by(|a, b| a.name.cmp(&b.name));
    marks
}

fn json<T: ReadTxn>(value: &Out, txn: &T) -> serde_json::Value {
    match value {
        Out::Any(any) => serde_json::to_value(any).unwrap_or_default(),
        other => serde_json::Value::String(other.clone().to_string(txn)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Any, Text, XmlElementPrelim, XmlTextPrelim};

    #[test]
    fn reads_elements_attributes_and_marked_text() {
        let doc = Doc::new();
        let fragment = doc.get_or_insert_xml_fragment(FRAGMENT);
        {
            let mut txn = doc.transact_mut();
            let heading = fragment.push_back(&mut txn, XmlElementPrelim::empty("heading"));
            heading.insert_attribute(&mut txn, "level", Any::from(2));
            let text = heading.push_back(&mut txn, XmlTextPrelim::new("Plan"));
            let bold: Attrs = [("bold".into(), Any::Map(Default::default()))].into();
            text.insert_with_attributes(&mut txn, 4, " B", bold);
        }
        let nodes = read(&doc);
        let [
            Node::Element {
                tag,
                attrs,
                children,
            },
        ] = nodes.as_slice()
        else {
            panic!("{nodes:?}");
        };
        assert_eq!(tag, "heading");
        assert_eq!(attrs["level"], serde_json::json!(2));
        let [Node::Text(spans)] = children.as_slice() else {
            panic!("{children:?}");
        };
        assert_eq!(spans[0].text, "Plan");
        assert_eq!(spans[1].text, " B");
        assert_eq!(spans[1].marks[0].name, "bold");
    }
}
