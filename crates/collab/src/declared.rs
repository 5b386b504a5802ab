//! A check of the counts a y-protocols frame declares against the bytes it holds, run
//! before yrs reads it. yrs reserves room for as many entries as a state vector, an update
//! or an awareness update says it has before reading them (a hash table it then clears),
//! so a frame of a few bytes declaring hundreds of millions of clients would cost
//! gigabytes for a moment. Every entry takes bytes of its own: at least 2 in a state
//! vector (client, clock) and 3 in an update (block count, client, clock) or an awareness
//! update (client, clock, state's length). A count beyond what the bytes left could hold
//! is refused here; anything else is left to yrs, which decodes strictly.

use crate::protocol::Malformed;

/// y-protocols message types and sync steps (`y-protocols/sync.js`, `y-websocket`).
const SYNC: u64 = 0;
const AWARENESS: u64 = 1;
const AUTH: u64 = 2;
const QUERY_AWARENESS: u64 = 3;
const STEP_1: u64 = 0;
const STEP_2: u64 = 1;
const UPDATE: u64 = 2;
const PERMISSION_DENIED: u64 = 0;

/// Bytes an entry takes at the least: a state vector's, an update's, an awareness update's.
const STATE_VECTOR_ENTRY: usize = 2;
const UPDATE_CLIENT: usize = 3;
const AWARENESS_ENTRY: usize = 3;

/// Refuses a frame whose state vector, update or awareness update declares more entries
/// than it could hold. A frame that ends early passes: yrs reports it as malformed.
pub fn counts_fit(frame: &[u8]) -> Result<(), Malformed> {
    let mut rest = Reader(frame);
    while !rest.0.is_empty() {
        let Some(tag) = rest.var() else {
            return Ok(());
        };
        let checked = match tag {
            SYNC => match (rest.var(), rest.buf()) {
                (Some(STEP_1), Some(body)) => fits(body, STATE_VECTOR_ENTRY),
                (Some(STEP_2 | UPDATE), Some(body)) => fits(body, UPDATE_CLIENT),
                _ => return Ok(()),
            },
            AWARENESS => rest.buf().and_then(|body| fits(body, AWARENESS_ENTRY)),
            AUTH => match rest.var() {
                Some(PERMISSION_DENIED) => rest.buf().map(|_| Ok(())),
                Some(_) => Some(Ok(())),
                None => None,
            },
            QUERY_AWARENESS => Some(Ok(())),
            // Custom types: one buffer, which yrs keeps as it is.
            _ => rest.buf().map(|_| Ok(())),
        };
        match checked {
            Some(verdict) => verdict?,
            None => return Ok(()),
        }
    }
    Ok(())
}

/// Whether the count at the start of `body` fits in the bytes after it.
fn fits(body: &[u8], entry: usize) -> Option<Result<(), Malformed>> {
    let mut reader = Reader(body);
    let declared = reader.var()?;
    let room = (reader.0.len() / entry) as u64;
    Some(if declared > room {
        Err(Malformed(format!(
            "declares {declared} entries in {} bytes",
            body.len()
        )))
    } else {
        Ok(())
    })
}

/// lib0's encoding: unsigned varints (7 bits a byte, low first) and length-prefixed buffers.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn var(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for (i, byte) in self.0.iter().enumerate().take(10) {
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                self.0 = &self.0[i + 1..];
                return Some(value);
            }
        }
        None
    }

    fn buf(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.var()?).ok()?;
        let (buf, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(buf)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use std::sync::Arc;

    use yrs::{
        ClientID, Doc, ReadTxn, StateVector, Text, Transact,
        sync::{AwarenessUpdate, awareness::AwarenessUpdateEntry},
    };

    use super::*;
    use crate::protocol::{awareness, decode, sync_step1, update};

    /// A varint as lib0 writes it.
    fn var(mut n: u64) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return out;
            }
            out.push(byte | 0x80);
        }
    }

    /// The kinds of message that declare a count: (its header, the least bytes an entry takes).
    const COUNTED: [(&[u8], usize); 4] = [
        (&[SYNC as u8, STEP_1 as u8], STATE_VECTOR_ENTRY),
        (&[SYNC as u8, STEP_2 as u8], UPDATE_CLIENT),
        (&[SYNC as u8, UPDATE as u8], UPDATE_CLIENT),
        (&[AWARENESS as u8], AWARENESS_ENTRY),
    ];

    /// A message with `header` whose body declares `count` entries and holds `bytes` more.
    fn declaring(header: &[u8], count: u64, bytes: usize) -> Vec<u8> {
        let mut body = var(count);
        body.extend(std::iter::repeat_n(0u8, bytes));
        let mut frame = header.to_vec();
        frame.extend(var(body.len() as u64));
        frame.extend(body);
        frame
    }

    #[test]
    fn a_huge_declared_count_is_refused_before_yrs_reads_it() {
        for (header, _) in COUNTED {
            let frame = declaring(header, 400_000_000, 4);
            let refused = decode(&frame).err().expect("refused");
            assert!(
                refused.0.contains("declares 400000000 entries"),
                "{refused}"
            );
        }
    }

    #[test]
    fn real_frames_fit() {
        let doc = Doc::new();
        let text = doc.get_or_insert_text("t");
        let mut txn = doc.transact_mut();
        text.push(&mut txn, "hello");
        let bytes = txn.encode_update_v1();
        drop(txn);
        let state = doc.transact().state_vector();
        let json = Arc::from(r#"{"user":{"name":"Ada"}}"#);
        let cursor = AwarenessUpdate {
            clients: [(ClientID::new(7), AwarenessUpdateEntry { clock: 1, json })].into(),
        };
        for frame in [
            update(bytes),
            sync_step1(state),
            sync_step1(StateVector::default()),
            awareness(cursor),
        ] {
            counts_fit(&frame).unwrap();
            decode(&frame).unwrap();
        }
    }

    proptest! {
        /// A count the bytes could hold passes; one more than they could is refused.
        #[test]
        fn the_bound_is_exact(bytes in 0usize..64, kind in 0usize..COUNTED.len()) {
            let (header, entry) = COUNTED[kind];
            let most = (bytes / entry) as u64;
            prop_assert!(counts_fit(&declaring(header, most, bytes)).is_ok());
            prop_assert!(counts_fit(&declaring(header, most + 1, bytes)).is_err());
        }

        /// Any bytes are checked without a panic.
        #[test]
        fn any_bytes_are_checked(frame in prop::collection::vec(any::<u8>(), 0..64)) {
            let _ = counts_fit(&frame);
        }
    }
}
