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
    use super::*;
    use crate::export;
    use yrs::{Any, Text, XmlTextPrelim, types::Attrs};

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
}
