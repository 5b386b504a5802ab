//! The y-websocket wire: each binary frame holds y-protocols messages (the JavaScript client
//! sends and reads one per frame). Decoding is strict: a frame that does not decode whole,
//! or an update that does not decode, is malformed.

use yrs::{
    StateVector, Update,
    encoding::read::Cursor,
    sync::{Awareness, AwarenessUpdate, Message, MessageReader, SyncMessage},
    updates::{
        decoder::{Decode, DecoderV1},
        encoder::Encode,
    },
};

/// A frame that is not y-protocols.
#[derive(Debug, thiserror::Error)]
#[error("malformed message: {0}")]
pub struct Malformed(pub String);

/// What a client may send, decoded.
pub enum Incoming {
    /// Its state vector: answer with what it lacks.
    SyncStep1(StateVector),
    /// Changes to the document (sync step 2 or an update), decoded to check them, with
    /// their bytes to store and relay as they came.
    Update(Update, Vec<u8>),
    /// Its cursor and name (and those of its other clients).
    Awareness(AwarenessUpdate, usize),
    /// It asks for everyone's awareness.
    AwarenessQuery,
    /// Authentication messages and custom types: y-websocket servers ignore them.
    Ignored,
}

/// The messages of one frame.
pub fn decode(frame: &[u8]) -> Result<Vec<Incoming>, Malformed> {
    let mut decoder = DecoderV1::new(Cursor::new(frame));
    let mut messages = Vec::new();
    for message in MessageReader::new(&mut decoder) {
        let message = message.map_err(|e| Malformed(e.to_string()))?;
        messages.push(match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => Incoming::SyncStep1(sv),
            Message::Sync(SyncMessage::SyncStep2(bytes) | SyncMessage::Update(bytes)) => {
                let update = Update::decode_v1(&bytes).map_err(|e| Malformed(e.to_string()))?;
                Incoming::Update(update, bytes)
            }
            Message::Awareness(update) => {
                let size = update.clients.values().map(|e| e.json.len() + 16).sum();
                Incoming::Awareness(update, size)
            }
            Message::AwarenessQuery => Incoming::AwarenessQuery,
            Message::Auth(_) | Message::Custom(..) => Incoming::Ignored,
        });
    }
    if messages.is_empty() {
        return Err(Malformed("an empty frame".into()));
    }
    Ok(messages)
}

pub fn sync_step1(sv: StateVector) -> Vec<u8> {
    Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
}

pub fn sync_step2(update: Vec<u8>) -> Vec<u8> {
    Message::Sync(SyncMessage::SyncStep2(update)).encode_v1()
}

pub fn update(update: Vec<u8>) -> Vec<u8> {
    Message::Sync(SyncMessage::Update(update)).encode_v1()
}

pub fn awareness(update: AwarenessUpdate) -> Vec<u8> {
    Message::Awareness(update).encode_v1()
}

/// Everyone's awareness, or `None` when nobody has any.
pub fn full_awareness(awareness: &Awareness) -> Option<Vec<u8>> {
    let update = awareness.update().ok()?;
    (!update.clients.is_empty()).then(|| self::awareness(update))
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Doc, GetString, Text, Transact};

    #[test]
    fn an_update_round_trips() {
        let doc = Doc::new();
        let text = doc.get_or_insert_text("t");
        let mut txn = doc.transact_mut();
        text.push(&mut txn, "hello");
        let bytes = txn.encode_update_v1();
        drop(txn);
        let frame = update(bytes.clone());
        let mut messages = decode(&frame).unwrap();
        let (Some(Incoming::Update(_, back)), None) = (messages.pop(), messages.pop()) else {
            panic!("not one update");
        };
        assert_eq!(back, bytes);
        let other = Doc::new();
        other
            .transact_mut()
            .apply_update(Update::decode_v1(&back).unwrap())
            .unwrap();
        let text = other.get_or_insert_text("t");
        assert_eq!(text.get_string(&other.transact()), "hello");
    }

    #[test]
    fn garbage_and_empty_frames_are_malformed() {
        assert!(decode(&[]).is_err());
        assert!(decode(&[0, 2, 200, 1, 2]).is_err());
        assert!(decode(&[0, 9]).is_err());
    }
}
