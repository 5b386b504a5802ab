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
    crate::declared::counts_fit(frame)?;
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
    use std::sync::Arc;

    use fluxstudio_store::documents::content::Content;
    use proptest::prelude::*;
    use yrs::{
        ClientID, Doc, GetString, ReadTxn, Text, Transact, sync::awareness::AwarenessUpdateEntry,
    };

    use super::*;
    use crate::room::Room;

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

    /// The largest client id a Yjs client makes (a JavaScript safe integer, 53 bits).
    const CLIENT_MAX: u64 = (1 << 53) - 1;

    /// `n` as y-protocols writes an unsigned number (LEB128).
    fn var(mut n: u64, out: &mut Vec<u8>) {
        while n >= 0x80 {
            out.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    /// A document's whole state after some typing and deleting, as one v1 update.
    fn typed(client: u64, edits: &[(prop::sample::Index, String, u8)]) -> Vec<u8> {
        let doc = Doc::with_client_id(client);
        let text = doc.get_or_insert_text("t");
        for (at, insert, delete) in edits {
            let mut txn = doc.transact_mut();
            // Offsets are in bytes here: edit between characters.
            let current = text.get_string(&txn);
            let bounds: Vec<u32> = current
                .char_indices()
                .map(|(i, _)| i)
                .chain([current.len()])
                .map(|i| i as u32)
                .collect();
            let start = at.index(bounds.len());
            let end = (start + usize::from(*delete)).min(bounds.len() - 1);
            text.remove_range(&mut txn, bounds[start], bounds[end] - bounds[start]);
            text.insert(&mut txn, bounds[start], insert);
        }
        doc.transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    fn update_bytes() -> impl Strategy<Value = Vec<u8>> {
        (
            0..=CLIENT_MAX,
            prop::collection::vec(
                (any::<prop::sample::Index>(), "\\PC{0,8}", any::<u8>()),
                0..5,
            ),
        )
            .prop_map(|(client, edits)| typed(client, &edits))
    }

    /// Awareness entries of valid client ids, with any state text (JSON or not).
    fn awareness_update() -> impl Strategy<Value = AwarenessUpdate> {
        prop::collection::hash_map(
            0..=CLIENT_MAX,
            (
                any::<u32>(),
                prop_oneof!["null", "\\{\"name\":\"[a-z]{0,8}\"\\}", any::<String>()],
            ),
            0..4,
        )
        .prop_map(|clients| AwarenessUpdate {
            clients: clients
                .into_iter()
                .map(|(client, (clock, json))| {
                    let json = Arc::from(json.as_str());
                    (ClientID::new(client), AwarenessUpdateEntry { clock, json })
                })
                .collect(),
        })
    }

    /// A message a client may send, and how it is written.
    #[derive(Debug, Clone)]
    enum Sent {
        Step1(StateVector),
        Step2(Vec<u8>),
        Update(Vec<u8>),
        Awareness(AwarenessUpdate),
        Query,
    }

    impl Sent {
        fn encode(&self) -> Vec<u8> {
            match self.clone() {
                Sent::Step1(sv) => sync_step1(sv),
                Sent::Step2(bytes) => sync_step2(bytes),
                Sent::Update(bytes) => update(bytes),
                Sent::Awareness(update) => awareness(update),
                Sent::Query => Message::AwarenessQuery.encode_v1(),
            }
        }
    }

    fn sent() -> impl Strategy<Value = Sent> {
        prop_oneof![
            update_bytes().prop_map(|bytes| {
                let update = Update::decode_v1(&bytes).unwrap();
                Sent::Step1(update.state_vector())
            }),
            update_bytes().prop_map(Sent::Step2),
            update_bytes().prop_map(Sent::Update),
            awareness_update().prop_map(Sent::Awareness),
            Just(Sent::Query),
        ]
    }

    /// Frames shaped like y-protocols but wrong: a message type (known or not, a sync
    /// sub-type after sync), then a declared length (huge ones too) and garbage, an
    /// awareness body of any client ids and texts, or a varint cut short.
    fn wrong_frame() -> impl Strategy<Value = Vec<u8>> {
        let length = prop_oneof![
            0..80u64,
            Just(u64::from(u32::MAX)),
            Just(u64::MAX),
            Just(1 << 35),
            any::<u64>(),
        ];
        let entry = (
            prop_oneof![0..8u64, Just(CLIENT_MAX + 1), any::<u64>()],
            any::<u32>(),
            prop::collection::vec(any::<u8>(), 0..12),
        );
        (
            prop::sample::select(vec![0u8, 1, 2, 3, 4, 100, 0x80]),
            0..5u8,
            length,
            prop::collection::vec(any::<u8>(), 0..48),
            prop_oneof![Just(0u64), 0..4u64, Just(u64::MAX)],
            prop::collection::vec(entry, 0..3),
            prop::option::of(0x80..=0xffu8),
        )
            .prop_map(|(kind, sub, length, garbage, count, entries, cut)| {
                let mut frame = vec![kind];
                if kind == 0 {
                    frame.push(sub);
                }
                if kind == 1 && !entries.is_empty() {
                    let mut body = Vec::new();
                    var(count, &mut body);
                    for (client, clock, json) in entries {
                        var(client, &mut body);
                        var(u64::from(clock), &mut body);
                        var(json.len() as u64, &mut body);
                        body.extend(json);
                    }
                    var(body.len() as u64, &mut frame);
                    frame.extend(body);
                } else {
                    var(length, &mut frame);
                    frame.extend(garbage);
                }
                frame.extend(cut);
                frame
            })
    }

    /// A well-formed frame with bytes changed, cut off or added.
    fn damaged_frame() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec(sent(), 1..3),
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
            prop::option::of(any::<prop::sample::Index>()),
            prop::collection::vec(any::<u8>(), 0..3),
        )
            .prop_map(|(messages, changes, cut, tail)| {
                let mut frame: Vec<u8> = messages.iter().flat_map(Sent::encode).collect();
                for (at, byte) in changes {
                    let at = at.index(frame.len());
                    frame[at] = byte;
                }
                if let Some(cut) = cut {
                    frame.truncate(cut.index(frame.len()));
                }
                frame.extend(tail);
                frame
            })
    }

    /// A sync message of every kind whose payload is any bytes, its length declared right:
    /// garbage reaches the update and state vector decoders.
    fn garbage_payload() -> impl Strategy<Value = Vec<u8>> {
        (0..3u8, prop::collection::vec(any::<u8>(), 0..120)).prop_map(|(kind, payload)| {
            let mut frame = vec![0, kind];
            var(payload.len() as u64, &mut frame);
            frame.extend(payload);
            frame
        })
    }

    /// An update of no blocks whose delete set holds any clients and clock ranges, the
    /// edges of the numbers above all (a range ending past `u32::MAX`), in a sync message.
    fn wrong_deletions() -> impl Strategy<Value = Vec<u8>> {
        let number = prop_oneof![
            0..8u64,
            (u64::from(u32::MAX) - 8..=u64::from(u32::MAX)),
            Just(1 << 31),
            any::<u32>().prop_map(u64::from),
            any::<u64>(),
        ];
        let client = prop_oneof![
            0..8u64,
            Just(CLIENT_MAX),
            Just(CLIENT_MAX + 1),
            any::<u64>()
        ];
        let ranges = prop::collection::vec((number.clone(), number), 0..3);
        (0..3u8, prop::collection::vec((client, ranges), 0..3)).prop_map(|(kind, clients)| {
            let mut update = vec![0];
            var(clients.len() as u64, &mut update);
            for (client, ranges) in clients {
                var(client, &mut update);
                var(ranges.len() as u64, &mut update);
                for (clock, len) in ranges {
                    var(clock, &mut update);
                    var(len, &mut update);
                }
            }
            let mut frame = vec![0, kind];
            var(update.len() as u64, &mut frame);
            frame.extend(update);
            frame
        })
    }

    fn frame() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..200),
            wrong_frame(),
            garbage_payload(),
            wrong_deletions(),
            damaged_frame(),
        ]
    }

    /// What the session and the hub do with a frame: decode it, then hand each message to
    /// the room (sync step 1 answered, updates applied and merged, awareness applied),
    /// stopping where the hub would drop the room.
    fn handle(room: &mut Room, frame: &[u8]) -> Result<(), Malformed> {
        for message in decode(frame)? {
            match message {
                Incoming::SyncStep1(sv) => drop(room.missing_for(&sv)),
                Incoming::Update(update, bytes) => {
                    if !update.is_empty() {
                        room.apply(vec![update])?;
                        yrs::merge_updates_v1([&bytes, &bytes])
                            .map_err(|e| Malformed(e.to_string()))?;
                    }
                }
                Incoming::Awareness(update, _) => drop(room.apply_awareness(1, update)?),
                Incoming::AwarenessQuery => drop(room.awareness_frame()),
                Incoming::Ignored => {}
            }
        }
        drop(room.greeting());
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any bytes at all, shaped like y-protocols or not, decode or are malformed, and
        /// what decodes is handled by a room without panicking.
        #[test]
        fn any_frame_decodes_or_is_malformed(frame in frame(), before in update_bytes()) {
            let content = Content { state: before, ..Content::default() };
            let mut room = Room::load(&content).unwrap();
            if let Ok(messages) = decode(&frame) {
                prop_assert!(!messages.is_empty());
            }
            let _ = handle(&mut room, &frame);
        }

        /// The messages written into one frame decode back, in order, as they were.
        #[test]
        fn frames_round_trip(messages in prop::collection::vec(sent(), 1..4)) {
            let frame: Vec<u8> = messages.iter().flat_map(Sent::encode).collect();
            let decoded = decode(&frame).unwrap();
            prop_assert_eq!(decoded.len(), messages.len());
            for (sent, decoded) in messages.into_iter().zip(decoded) {
                match (sent, decoded) {
                    (Sent::Step1(sv), Incoming::SyncStep1(back)) => prop_assert_eq!(sv, back),
                    (Sent::Step2(bytes) | Sent::Update(bytes), Incoming::Update(update, back)) => {
                        prop_assert_eq!(&back, &bytes);
                        prop_assert_eq!(update.encode_v1(), Update::decode_v1(&bytes).unwrap().encode_v1());
                    }
                    (Sent::Awareness(sent), Incoming::Awareness(back, size)) => {
                        let expected: usize = sent.clients.values().map(|e| e.json.len() + 16).sum();
                        prop_assert_eq!(size, expected);
                        prop_assert_eq!(back, sent);
                    }
                    (Sent::Query, Incoming::AwarenessQuery) => {}
                    (sent, _) => prop_assert!(false, "{sent:?} decoded as another message"),
                }
            }
        }

        /// An update relayed to another client rebuilds the same document there.
        #[test]
        fn an_update_rebuilds_the_document(bytes in update_bytes()) {
            let mut room = Room::load(&Content::default()).unwrap();
            handle(&mut room, &update(bytes.clone())).unwrap();
            let source = Doc::new();
            source.transact_mut().apply_update(Update::decode_v1(&bytes).unwrap()).unwrap();
            let text = |doc: &Doc| doc.get_or_insert_text("t").get_string(&doc.transact());
            prop_assert_eq!(text(room.doc()), text(&source));
            prop_assert_eq!(room.doc().transact().state_vector(), source.transact().state_vector());
        }
    }
}
