//! Restoring an old version as a new change: the editor's fragment is emptied and the old
//! version's nodes are written into it again, attributes and formatting included. Everyone
//! connected receives it as an ordinary update, and the content it replaces stays in the
//! history (the caller snapshots it first).

use yrs::{
    Doc, ReadTxn, Transact, TransactionMut, Update, XmlElementPrelim, XmlFragment, XmlOut,
    types::xml::XmlIn,
    types::{AsPrelim, xml::Xml},
    updates::decoder::Decode,
};

use crate::{export::FRAGMENT, protocol::Malformed};

/// Edits `doc` so its content is that of `old` (a whole document as a Yjs v1 update).
/// Returns the update the edit made.
pub fn restore(doc: &Doc, old: &[u8]) -> Result<Vec<u8>, Malformed> {
    let source = Doc::new();
    if !old.is_empty() {
        let update = Update::decode_v1(old).map_err(|e| Malformed(e.to_string()))?;
        source
            .transact_mut()
            .apply_update(update)
            .map_err(|e| Malformed(e.to_string()))?;
    }
    let from = source.get_or_insert_xml_fragment(FRAGMENT);
    let to = doc.get_or_insert_xml_fragment(FRAGMENT);
    let read = source.transact();
    let mut txn = doc.transact_mut();
    let len = to.len(&txn);
    if len > 0 {
        to.remove_range(&mut txn, 0, len);
    }
    copy(&read, &from, &mut txn, &to);
    Ok(txn.encode_update_v1())
}

/// Appends copies of `from`'s children to `to`.
fn copy<T: ReadTxn>(
    read: &T,
    from: &impl XmlFragment,
    txn: &mut TransactionMut,
    to: &impl XmlFragment,
) {
    for child in from.children(read) {
        match child {
            XmlOut::Element(element) => {
                let copy = to.push_back(txn, XmlElementPrelim::empty(element.tag().clone()));
                // Attribute values keep their types (a heading's level stays a number).
                for (key, value) in element.attributes(read) {
                    copy.insert_attribute(txn, key, value.as_prelim(read));
                }
                self::copy(read, &element, txn, &copy);
            }
            XmlOut::Text(text) => {
                to.push_back(txn, XmlIn::Text(text.as_prelim(read)));
            }
            XmlOut::Fragment(fragment) => self::copy(read, &fragment, txn, to),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use yrs::{Any, Number, Text, XmlTextPrelim, types::Attrs};

    use super::*;
    use crate::{
        export::{
            self, Node, Span,
            properties::{Piece, pieces, write as write_pieces},
        },
        stored,
    };

    fn write(doc: &Doc, words: &str) {
        let fragment = doc.get_or_insert_xml_fragment(FRAGMENT);
        let mut txn = doc.transact_mut();
        let heading = fragment.push_back(&mut txn, XmlElementPrelim::empty("heading"));
        heading.insert_attribute(&mut txn, "level", Any::from(2));
        let text = heading.push_back(&mut txn, XmlTextPrelim::new(""));
        let bold: Attrs = [("bold".into(), Any::Map(Default::default()))].into();
        text.insert_with_attributes(&mut txn, 0, words, bold);
    }

    #[test]
    fn brings_back_the_old_content_as_a_change_others_can_apply() {
        let doc = Doc::new();
        write(&doc, "First");
        let old = doc
            .transact()
            .encode_state_as_update_v1(&Default::default());
        let first = export::read(&doc);
        write(&doc, "Second");
        assert_ne!(export::read(&doc), first);

        // Someone else holding the current document receives the restore as an update.
        let other = Doc::new();
        let now = doc
            .transact()
            .encode_state_as_update_v1(&Default::default());
        other
            .transact_mut()
            .apply_update(Update::decode_v1(&now).unwrap())
            .unwrap();

        let change = restore(&doc, &old).unwrap();
        assert_eq!(export::read(&doc), first);
        other
            .transact_mut()
            .apply_update(Update::decode_v1(&change).unwrap())
            .unwrap();
        assert_eq!(export::read(&other), first);
    }

    /// `nodes` with each run of spans that carry the same marks as one span: a copy may
    /// split or join text differently and still hold the same text with the same marks.
    fn merged(nodes: Vec<Node>) -> Vec<Node> {
        nodes
            .into_iter()
            .map(|node| match node {
                Node::Element {
                    tag,
                    attrs,
                    children,
                } => Node::Element {
                    tag,
                    attrs,
                    children: merged(children),
                },
                Node::Text(spans) => {
                    let mut joined: Vec<Span> = Vec::new();
                    for span in spans {
                        match joined.last_mut() {
                            Some(last) if last.marks == span.marks => last.text += &span.text,
                            _ => joined.push(span),
                        }
                    }
                    Node::Text(joined)
                }
            })
            .collect()
    }

    /// `pieces` with every float a whole number. Formatting attributes travel as JSON text,
    /// which serde_json may read back one unit in the last place off (it is built without
    /// `float_roundtrip`): a fraction could differ between two reads of the same bytes.
    fn whole_floats(pieces: Vec<Piece>) -> Vec<Piece> {
        fn whole(value: Any) -> Any {
            match value {
                Any::Number(Number::Float(f)) if f.is_finite() => {
                    Any::Number(Number::Float(f.trunc().clamp(-1e15, 1e15)))
                }
                Any::Map(map) => Any::from(
                    map.iter()
                        .map(|(k, v)| (k.clone(), whole(v.clone())))
                        .collect::<std::collections::HashMap<_, _>>(),
                ),
                other => other,
            }
        }
        let attrs = |attrs: Vec<(String, Any)>| -> Vec<(String, Any)> {
            attrs.into_iter().map(|(k, v)| (k, whole(v))).collect()
        };
        pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Element {
                    tag,
                    attrs: a,
                    children,
                } => Piece::Element {
                    tag,
                    attrs: attrs(a),
                    children: whole_floats(children),
                },
                Piece::Text(runs) => Piece::Text(
                    runs.into_iter()
                        .map(|(text, marks)| (text, attrs(marks)))
                        .collect(),
                ),
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any document the editor could hold, restored over any other, reads back as it
        /// was, here and wherever the change is relayed.
        #[test]
        fn any_document_is_restored_as_it_was(old in pieces(), now in pieces()) {
            let source = Doc::new();
            write_pieces(&source, &whole_floats(old));
            let doc = Doc::new();
            write_pieces(&doc, &now);
            let other = Doc::new();
            other
                .transact_mut()
                .apply_update(Update::decode_v1(&stored::state(&doc)).unwrap())
                .unwrap();

            // The old version as it is stored, and read back (a float attribute may not
            // come back bit for bit from Yjs's encoding).
            let stored = stored::state(&source);
            let expected = Doc::new();
            expected
                .transact_mut()
                .apply_update(Update::decode_v1(&stored).unwrap())
                .unwrap();

            let change = restore(&doc, &stored).unwrap();
            prop_assert_eq!(merged(export::read(&doc)), merged(export::read(&expected)));
            other
                .transact_mut()
                .apply_update(Update::decode_v1(&change).unwrap())
                .unwrap();
            prop_assert_eq!(merged(export::read(&other)), merged(export::read(&expected)));
        }

        /// Stored bytes that are not a document, or a damaged one, are refused or restored,
        /// never panicked on.
        #[test]
        fn any_stored_bytes_restore_or_are_malformed(
            old in pieces(),
            changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
            garbage in prop::collection::vec(any::<u8>(), 0..64),
        ) {
            let source = Doc::new();
            write_pieces(&source, &old);
            let mut bytes = stored::state(&source);
            for (at, byte) in changes {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            let _ = restore(&Doc::new(), &bytes);
            let _ = restore(&Doc::new(), &garbage);
        }
    }
}
