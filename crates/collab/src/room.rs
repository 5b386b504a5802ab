//! A loaded document: the Yjs document with everyone's awareness, and how far it has
//! read the stored updates. A room knows nothing of sockets or the database; the hub
//! stores what a room accepts before anyone else hears of it.

use std::collections::{HashMap, HashSet};

use fluxstudio_store::documents::content::Content;
use yrs::{
    ClientID, Doc, ReadTxn, StateVector, Transact, Update,
    sync::{Awareness, AwarenessUpdate},
    updates::decoder::Decode,
};

use crate::protocol::{self, Malformed};

pub struct Room {
    awareness: Awareness,
    /// The number of the newest stored update merged into the document.
    stored_seq: i64,
    /// Which connection speaks for each awareness client: the first to use its id. No
    /// other connection may change or remove that client's state (rename someone's caret).
    owners: HashMap<ClientID, u64>,
}

impl Room {
    /// The document as stored.
    pub fn load(content: &Content) -> Result<Self, Malformed> {
        let mut room = Self {
            awareness: Awareness::new(Doc::new()),
            stored_seq: 0,
            owners: HashMap::new(),
        };
        room.catch_up(content)?;
        Ok(room)
    }

    /// Merges what was stored after `stored_seq` (by this process or another). Returns
    /// what was new to the room as one update, for the clients already in it.
    pub fn catch_up(&mut self, content: &Content) -> Result<Option<Vec<u8>>, Malformed> {
        let before = self.doc().transact().state_vector();
        let mut txn = self.doc().transact_mut();
        for bytes in std::iter::once(&content.state).chain(&content.updates) {
            if bytes.is_empty() {
                continue;
            }
            let update = Update::decode_v1(bytes).map_err(|e| Malformed(e.to_string()))?;
            txn.apply_update(update)
                .map_err(|e| Malformed(e.to_string()))?;
        }
        drop(txn);
        self.stored_seq = self.stored_seq.max(content.last_seq);
        let txn = self.doc().transact();
        Ok((txn.state_vector() != before).then(|| txn.encode_diff_v1(&before)))
    }

    pub fn doc(&self) -> &Doc {
        self.awareness.doc()
    }

    pub fn stored_seq(&self) -> i64 {
        self.stored_seq
    }

    pub fn set_stored_seq(&mut self, seq: i64) {
        self.stored_seq = seq;
    }

    /// What a client hears first: the server's state vector (it answers with what the
    /// server lacks) and everyone's awareness.
    pub fn greeting(&self) -> Vec<Vec<u8>> {
        let mut frames = vec![self.state_vector_frame()];
        frames.extend(protocol::full_awareness(&self.awareness));
        frames
    }

    /// Sync step 1 with the server's state vector. Sent after a client's updates are
    /// stored, it tells the client they are saved.
    pub fn state_vector_frame(&self) -> Vec<u8> {
        protocol::sync_step1(self.doc().transact().state_vector())
    }

    /// Sync step 2: what a client with state vector `sv` lacks.
    pub fn missing_for(&self, sv: &StateVector) -> Vec<u8> {
        protocol::sync_step2(self.doc().transact().encode_diff_v1(sv))
    }

    /// Everyone's awareness, for a client that asks.
    pub fn awareness_frame(&self) -> Option<Vec<u8>> {
        protocol::full_awareness(&self.awareness)
    }

    /// Applies updates in one transaction.
    pub fn apply(&mut self, updates: Vec<Update>) -> Result<(), Malformed> {
        let mut txn = self.doc().transact_mut();
        for update in updates {
            txn.apply_update(update)
                .map_err(|e| Malformed(e.to_string()))?;
        }
        Ok(())
    }

    /// Applies connection `connection`'s awareness update, less the entries of clients
    /// another connection speaks for (they are dropped). Returns the clients it added or
    /// changed (the connection now speaks for them) and the frame to relay, if anything
    /// changed.
    pub fn apply_awareness(
        &mut self,
        connection: u64,
        mut update: AwarenessUpdate,
    ) -> Result<(Vec<ClientID>, Option<Vec<u8>>), Malformed> {
        update
            .clients
            .retain(|client, _| *self.owners.entry(*client).or_insert(connection) == connection);
        if update.clients.is_empty() {
            return Ok((Vec::new(), None));
        }
        let frame = protocol::awareness(update.clone());
        let summary = self
            .awareness
            .apply_update_summary(update)
            .map_err(|e| Malformed(e.to_string()))?;
        Ok(match summary {
            Some(summary) => {
                let mut mine = summary.added;
                mine.extend(summary.updated);
                (mine, Some(frame))
            }
            None => (Vec::new(), None),
        })
    }

    /// Forgets the awareness of a connection's clients (it left). Returns the removal to
    /// relay to the others, if they had any.
    pub fn forget(&mut self, clients: &HashSet<ClientID>) -> Option<Vec<u8>> {
        for client in clients {
            self.owners.remove(client);
        }
        let present: Vec<ClientID> = clients
            .iter()
            .copied()
            .filter(|c| self.awareness.meta(*c).is_some())
            .collect();
        if present.is_empty() {
            return None;
        }
        for client in &present {
            self.awareness.remove_state(*client);
        }
        let update = self.awareness.update_with_clients(present).ok()?;
        Some(protocol::awareness(update))
    }
}

#[cfg(test)]
mod tests {
    use std::{collections::HashMap, sync::Arc};

    use yrs::sync::awareness::AwarenessUpdateEntry;

    use super::*;

    fn update(client: u64, clock: u32, json: &str) -> AwarenessUpdate {
        AwarenessUpdate {
            clients: HashMap::from([(
                ClientID::new(client),
                AwarenessUpdateEntry {
                    clock,
                    json: Arc::from(json),
                },
            )]),
        }
    }

    /// Security finding 9: a viewer renamed another person's caret by sending awareness
    /// under their Yjs client id. The id belongs to the first connection that used it.
    #[test]
    fn awareness_spoofing_is_dropped() {
        let mut room = Room::load(&Content::default()).unwrap();
        let ann = ClientID::new(7);
        let (mine, frame) = room
            .apply_awareness(1, update(7, 1, r#"{"name":"Ann"}"#))
            .unwrap();
        assert_eq!((mine, frame.is_some()), (vec![ann], true));

        let (mine, frame) = room
            .apply_awareness(2, update(7, 9, r#"{"name":"Mallory"}"#))
            .unwrap();
        assert!(
            mine.is_empty() && frame.is_none(),
            "another's id goes nowhere"
        );
        let name: serde_json::Value = room.awareness.state(ann).unwrap();
        assert_eq!(name["name"], "Ann");
        let removal = update(7, 10, "null");
        assert!(room.apply_awareness(2, removal).unwrap().1.is_none());
        assert!(room.awareness.state::<serde_json::Value>(ann).is_some());

        // Its owner gone, the id is free again.
        room.forget(&HashSet::from([ann]));
        let (mine, _) = room
            .apply_awareness(2, update(7, 11, r#"{"name":"Bo"}"#))
            .unwrap();
        assert_eq!(mine, vec![ann]);
    }
}
