//! One document open on several instances (`REDIS_URL`): what each instance tells the
//! others, over one Redis pub/sub channel for every document (docs/COLLAB.md says why).
//!
//! The instance that receives a change stores it, then tells the others the update with
//! the sequence numbers it was stored under; an instance with the document loaded applies
//! it and relays it to its own connections, without storing it again. A message that never
//! arrives (Redis was down) shows up as a gap in the numbers, and the document is read
//! from the database from where it stands. Awareness (cursors) is told the same way and
//! never stored.

use fluxstudio_store::DbId;
use uuid::Uuid;

/// The channel every instance hears.
pub(crate) const CHANNEL: &str = "fluxstudio:collab";

/// What an instance heard about a document.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Told {
    /// Updates stored as numbers `first..=last`, merged into `update` (Yjs v1).
    Stored {
        first: i64,
        last: i64,
        update: Vec<u8>,
    },
    /// An awareness frame, as relayed to clients.
    Awareness(Vec<u8>),
    /// The sender just loaded the document: whoever has it loaded tells everyone's
    /// awareness (cursors set before are otherwise only renewed every 15 s).
    AskAwareness,
}

const STORED: u8 = 1;
const AWARENESS: u8 = 2;
const ASK_AWARENESS: u8 = 3;
/// Sender, document, kind.
const HEADER: usize = 16 + 16 + 1;

/// A message: the sending instance, the document, the kind, then (for `Stored`) the two
/// numbers and the update.
pub(crate) fn encode(from: Uuid, document: DbId, told: &Told) -> Vec<u8> {
    let mut message = Vec::with_capacity(HEADER + 16 + 64);
    message.extend_from_slice(from.as_bytes());
    message.extend_from_slice(document.0.as_bytes());
    match told {
        Told::Stored {
            first,
            last,
            update,
        } => {
            message.push(STORED);
            message.extend_from_slice(&first.to_be_bytes());
            message.extend_from_slice(&last.to_be_bytes());
            message.extend_from_slice(update);
        }
        Told::Awareness(frame) => {
            message.push(AWARENESS);
            message.extend_from_slice(frame);
        }
        Told::AskAwareness => message.push(ASK_AWARENESS),
    }
    message
}

/// The document and what another instance told about it; `None` for this instance's own
/// messages (`me`) and for anything unreadable.
pub(crate) fn decode(me: Uuid, message: &[u8]) -> Option<(DbId, Told)> {
    let (header, rest) = message.split_at_checked(HEADER)?;
    let from = Uuid::from_slice(&header[..16]).ok()?;
    let document = DbId(Uuid::from_slice(&header[16..32]).ok()?);
    if from == me {
        return None;
    }
    let told = match header[32] {
        STORED => {
            let (first, rest) = rest.split_first_chunk::<8>()?;
            let (last, update) = rest.split_first_chunk::<8>()?;
            Told::Stored {
                first: i64::from_be_bytes(*first),
                last: i64::from_be_bytes(*last),
                update: update.to_vec(),
            }
        }
        AWARENESS => Told::Awareness(rest.to_vec()),
        ASK_AWARENESS => Told::AskAwareness,
        _ => return None,
    };
    Some((document, told))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_an_instance_ignores_its_own() {
        let (here, there, document) = (Uuid::new_v4(), Uuid::new_v4(), DbId(Uuid::new_v4()));
        for told in [
            Told::Stored {
                first: 7,
                last: 9,
                update: vec![1, 2, 3],
            },
            Told::Stored {
                first: 1,
                last: 1,
                update: vec![],
            },
            Told::Awareness(vec![1, 0, 4]),
            Told::AskAwareness,
        ] {
            let message = encode(here, document, &told);
            assert_eq!(decode(there, &message), Some((document, told)));
            assert_eq!(decode(here, &message), None, "its own");
        }
        let stored = encode(
            here,
            document,
            &Told::Stored {
                first: 1,
                last: 2,
                update: vec![5],
            },
        );
        for cut in 0..HEADER + 16 {
            assert_eq!(decode(there, &stored[..cut]), None, "cut at {cut}");
        }
        let mut unknown = stored.clone();
        unknown[32] = 9;
        assert_eq!(decode(there, &unknown), None);
    }
}
