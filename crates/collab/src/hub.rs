//! The loaded documents ("rooms") and who is in them. Every change a client sends is
//! applied to the room, stored in the database, and only then relayed to the others, so
//! no one sees an edit that a restart could lose. When storing fails, the room is dropped
//! from memory and its clients are disconnected: they reconnect, sync again, and send
//! what was not stored.
//!
//! With several instances ([`Hub::join_cluster`]), each stored change is then told to the
//! others (`peers`), which apply it to the document if they have it loaded.

use std::{
    collections::{HashMap, HashSet},
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use axum::body::Bytes;
use chrono::Utc;
use fluxstudio_cluster::Channels;
use fluxstudio_store::{
    Db, DbId, StoreError,
    documents::content::{self, Content},
};
use tokio::sync::{
    Mutex as AsyncMutex,
    mpsc::{self, error::TrySendError},
};
use uuid::Uuid;
use yrs::{ClientID, Doc, StateVector, Update, sync::AwarenessUpdate, updates::decoder::Decode};

use crate::{
    close::Refusal,
    limits::Limits,
    peers::{self, Told},
    protocol::{self, Incoming},
    room::Room,
    stored,
};

/// Frames waiting for a slow reader before it is dropped (it reconnects and syncs again).
/// Each connection has its own queue, so an idle room costs no buffer.
const RELAY_BUFFER: usize = 1024;
/// Messages from other instances waiting to be applied; past it they are dropped, and the
/// gap in the stored numbers has the document read from the database.
const HEARD_BUFFER: usize = 4096;
/// The connection other instances' awareness is applied as: no local connection can
/// change or remove the cursors they speak for.
const ELSEWHERE: u64 = u64::MAX;

/// What the other connections of a room hear.
#[derive(Debug, Clone)]
pub enum Relay {
    /// A frame another connection (or the server) caused.
    Frame(Bytes),
    /// The room was dropped (a change could not be stored, or the document was deleted):
    /// close with this.
    Closed(Refusal),
}

/// One document's room: loaded when someone opens it, dropped after it has been idle.
pub struct Slot {
    pub document: DbId,
    room: AsyncMutex<Option<Room>>,
    /// Where each connection in the room hears the others.
    relays: Mutex<Vec<(u64, mpsc::Sender<Relay>)>>,
    /// Connections in the room or joining it: the room stays loaded while any are.
    peers: AtomicUsize,
    idle_since: Mutex<Instant>,
}

/// A connection's place in a room.
pub struct Joined {
    pub slot: Arc<Slot>,
    pub id: u64,
    /// What the others sent; closed when this connection fell too far behind.
    pub relay: mpsc::Receiver<Relay>,
    /// The frames to send first (sync step 1 and everyone's awareness).
    pub greeting: Vec<Vec<u8>>,
}

#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    limits: Limits,
    rooms: Mutex<HashMap<DbId, Arc<Slot>>>,
    connections: AtomicUsize,
    next_id: AtomicU64,
    /// The other instances, once joined.
    cluster: OnceLock<Cluster>,
}

struct Cluster {
    channels: Channels,
    me: Uuid,
}

impl Hub {
    pub fn new(db: Db, limits: Limits) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                limits,
                rooms: Mutex::new(HashMap::new()),
                connections: AtomicUsize::new(0),
                next_id: AtomicU64::new(1),
                cluster: OnceLock::new(),
            }),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Open connections, and documents loaded in memory.
    pub fn stats(&self) -> (usize, usize) {
        let rooms = self.inner.rooms.lock().expect("rooms").len();
        (self.inner.connections.load(Ordering::Relaxed), rooms)
    }

    /// Enters `document`'s room, loading it (or reading what other processes stored since
    /// it was loaded).
    pub async fn join(&self, document: DbId) -> Result<Joined, Refusal> {
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let (slot, relay) = self.slot(document, Some(id));
        let greeting = {
            let mut room = slot.room.lock().await;
            match self.ready(&slot, &mut room).await {
                Ok(room) => room.greeting(),
                Err(refusal) => {
                    drop(room);
                    self.release(&slot, id);
                    return Err(refusal);
                }
            }
        };
        self.inner.connections.fetch_add(1, Ordering::Relaxed);
        Ok(Joined {
            slot,
            id,
            relay: relay.ok_or(Refusal::Unavailable)?,
            greeting,
        })
    }

    /// Leaves a room: the connection's awareness is removed for the others.
    pub async fn leave(&self, joined: &Joined, clients: &HashSet<ClientID>) {
        if !clients.is_empty() {
            let mut room = joined.slot.room.lock().await;
            if let Some(frame) = room.as_mut().and_then(|room| room.forget(clients)) {
                joined.slot.send(joined.id, frame.clone());
                self.tell(joined.slot.document, Told::Awareness(frame))
                    .await;
            }
        }
        self.inner.connections.fetch_sub(1, Ordering::Relaxed);
        self.release(&joined.slot, joined.id);
    }

    /// Applies, stores, then relays a connection's changes.
    pub async fn submit(
        &self,
        joined: &Joined,
        updates: Vec<(Update, Vec<u8>)>,
    ) -> Result<(), Refusal> {
        let mut room = joined.slot.room.lock().await;
        let Some(loaded) = room.as_mut() else {
            return Err(Refusal::Unavailable);
        };
        let (decoded, bytes): (Vec<Update>, Vec<Vec<u8>>) = updates.into_iter().unzip();
        if let Err(error) = loaded.apply(decoded) {
            tracing::warn!(document = ?joined.slot.document, %error, "an update did not apply");
            self.evict(&joined.slot, &mut room, Refusal::Unavailable);
            return Err(Refusal::Malformed);
        }
        let (first, last) = self.store(&joined.slot, &mut room, &bytes).await?;
        let update = match bytes.len() {
            1 => bytes.into_iter().next().unwrap_or_default(),
            _ => yrs::merge_updates_v1(&bytes).map_err(|_| Refusal::Malformed)?,
        };
        joined
            .slot
            .send(joined.id, protocol::update(update.clone()));
        // Told with the room still locked, so the others hear a document's changes in
        // the order they were stored.
        let told = Told::Stored {
            first,
            last,
            update,
        };
        self.tell(joined.slot.document, told).await;
        Ok(())
    }

    /// Makes a change on the server's behalf (a restore): `change` edits the document and
    /// returns the update it made, which is stored and relayed like a client's.
    pub async fn change(
        &self,
        document: DbId,
        change: impl FnOnce(&Doc) -> Vec<u8>,
    ) -> Result<(), Refusal> {
        let (slot, _) = self.slot(document, None);
        let mut room = slot.room.lock().await;
        let loaded = self.ready(&slot, &mut room).await?;
        let update = change(loaded.doc());
        if update.as_slice() == Update::EMPTY_V1 {
            return Ok(());
        }
        let (first, last) = self
            .store(&slot, &mut room, std::slice::from_ref(&update))
            .await?;
        slot.send(0, protocol::update(update.clone()));
        let told = Told::Stored {
            first,
            last,
            update,
        };
        self.tell(document, told).await;
        Ok(())
    }

    /// Sync step 2 for a client with state vector `sv`.
    pub async fn missing_for(&self, joined: &Joined, sv: &StateVector) -> Option<Vec<u8>> {
        let room = joined.slot.room.lock().await;
        room.as_ref().map(|room| room.missing_for(sv))
    }

    /// The server's state vector (tells a writer what is stored).
    pub async fn state_vector(&self, joined: &Joined) -> Option<Vec<u8>> {
        let room = joined.slot.room.lock().await;
        room.as_ref().map(Room::state_vector_frame)
    }

    pub async fn awareness_of_all(&self, joined: &Joined) -> Option<Vec<u8>> {
        let room = joined.slot.room.lock().await;
        room.as_ref().and_then(Room::awareness_frame)
    }

    /// Applies and relays a connection's awareness; returns the clients it speaks for.
    pub async fn awareness(
        &self,
        joined: &Joined,
        update: AwarenessUpdate,
    ) -> Result<Vec<ClientID>, Refusal> {
        let mut room = joined.slot.room.lock().await;
        let Some(loaded) = room.as_mut() else {
            return Err(Refusal::Unavailable);
        };
        let (mine, frame) = loaded
            .apply_awareness(joined.id, update)
            .map_err(|_| Refusal::Malformed)?;
        if let Some(frame) = frame {
            joined.slot.send(joined.id, frame.clone());
            self.tell(joined.slot.document, Told::Awareness(frame))
                .await;
        }
        Ok(mine)
    }

    /// Drops rooms nobody has had open for the idle time, or will not have by the next
    /// look `ahead` from now (so a room never stays past its idle time); returns how many.
    pub fn unload_idle(&self, ahead: Duration) -> usize {
        let idle = self.inner.limits.idle_unload.saturating_sub(ahead);
        let mut rooms = self.inner.rooms.lock().expect("rooms");
        let before = rooms.len();
        rooms.retain(|_, slot| {
            slot.peers.load(Ordering::Acquire) > 0
                || slot.idle_since.lock().expect("idle").elapsed() < idle
        });
        before - rooms.len()
    }

    /// The room of `document`, created when missing. Connection `peer` is counted in it
    /// and hears the others from now on, before the room is even loaded, so it misses
    /// nothing between its greeting and its first relayed frame.
    fn slot(
        &self,
        document: DbId,
        peer: Option<u64>,
    ) -> (Arc<Slot>, Option<mpsc::Receiver<Relay>>) {
        let mut rooms = self.inner.rooms.lock().expect("rooms");
        let slot = rooms.entry(document).or_insert_with(|| {
            Arc::new(Slot {
                document,
                room: AsyncMutex::new(None),
                relays: Mutex::new(Vec::new()),
                peers: AtomicUsize::new(0),
                idle_since: Mutex::new(Instant::now()),
            })
        });
        let relay = match peer {
            Some(id) => {
                slot.peers.fetch_add(1, Ordering::AcqRel);
                let (tx, rx) = mpsc::channel(RELAY_BUFFER);
                slot.relays.lock().expect("relays").push((id, tx));
                Some(rx)
            }
            None => {
                *slot.idle_since.lock().expect("idle") = Instant::now();
                None
            }
        };
        (slot.clone(), relay)
    }

    fn release(&self, slot: &Slot, id: u64) {
        slot.relays
            .lock()
            .expect("relays")
            .retain(|(peer, _)| *peer != id);
        // Under the rooms lock, so unloading never sees a count a join is about to raise.
        let _rooms = self.inner.rooms.lock().expect("rooms");
        if slot.peers.fetch_sub(1, Ordering::AcqRel) == 1 {
            *slot.idle_since.lock().expect("idle") = Instant::now();
        }
    }

    /// The loaded room, loading it or reading what was stored since.
    async fn ready<'a>(
        &self,
        slot: &Slot,
        room: &'a mut Option<Room>,
    ) -> Result<&'a mut Room, Refusal> {
        let since = room.as_ref().map(Room::stored_seq);
        let content = content::load_after(&self.inner.db, slot.document, since)
            .await
            .map_err(unavailable)?
            .ok_or(Refusal::NotFound)?;
        match room {
            Some(loaded) => {
                // Stored by another process since: the clients here have not seen it.
                if let Some(news) = loaded.catch_up(&content).map_err(|_| Refusal::Malformed)? {
                    slot.send(0, protocol::update(news));
                }
            }
            None => {
                let tail = content.updates.len() as i64;
                let loaded = stored::read(content)
                    .await
                    .map_err(|_| Refusal::Malformed)?;
                if tail > self.inner.limits.compact_after {
                    // A long tail (left by a crash, or by a burst the background
                    // compaction has not reached) is read once, not on every open.
                    self.compact(slot.document, &loaded);
                }
                *room = Some(loaded);
                self.tell(slot.document, Told::AskAwareness).await;
            }
        }
        room.as_mut().ok_or(Refusal::Unavailable)
    }

    /// Merges the room's stored updates into its stored state, in the background.
    fn compact(&self, document: DbId, room: &Room) {
        let (db, state, upto) = (
            self.inner.db.clone(),
            stored::state(room.doc()),
            room.stored_seq(),
        );
        tokio::spawn(async move {
            if let Err(error) = content::compact(&db, document, &state, upto).await {
                tracing::warn!(?document, %error, "compacting a loaded document failed; the background compaction tries again");
            }
        });
    }

    /// Stores updates the room has applied, answering the numbers they were stored under;
    /// on failure the room is dropped.
    async fn store(
        &self,
        slot: &Slot,
        room: &mut Option<Room>,
        updates: &[Vec<u8>],
    ) -> Result<(i64, i64), Refusal> {
        match content::append(&self.inner.db, slot.document, updates, Utc::now()).await {
            Ok(Some(last)) => {
                let loaded = room.as_mut().ok_or(Refusal::Unavailable)?;
                let first = last - updates.len() as i64 + 1;
                if first == loaded.stored_seq() + 1 {
                    loaded.set_stored_seq(last);
                } else {
                    // Another process stored updates in between: read them too.
                    let missed = content::load_after(
                        &self.inner.db,
                        slot.document,
                        Some(loaded.stored_seq()),
                    )
                    .await
                    .map_err(unavailable)?
                    .unwrap_or_else(Content::default);
                    if let Some(news) = loaded.catch_up(&missed).map_err(|_| Refusal::Malformed)? {
                        slot.send(0, protocol::update(news));
                    }
                }
                Ok((first, last))
            }
            Ok(None) => {
                self.evict(slot, room, Refusal::NotFound);
                Err(Refusal::NotFound)
            }
            Err(error) => {
                tracing::error!(document = ?slot.document, %error, "could not store a document update");
                self.evict(slot, room, Refusal::Unavailable);
                Err(Refusal::Unavailable)
            }
        }
    }

    /// Joins the other instances on `channels`: from now on this hub tells them its
    /// documents' changes and applies theirs, and after a break in hearing them reads
    /// every loaded document from the database.
    pub async fn join_cluster(&self, channels: Channels) {
        let mut heard = channels.hear(peers::CHANNEL.to_owned(), HEARD_BUFFER).await;
        let mut subscriptions = channels.subscriptions();
        subscriptions.mark_unchanged();
        let cluster = Cluster {
            channels,
            me: Uuid::new_v4(),
        };
        let me = cluster.me;
        if self.inner.cluster.set(cluster).is_err() {
            return;
        }
        let hub = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    message = heard.recv() => {
                        let Some((_, message)) = message else { return };
                        if let Some((document, told)) = peers::decode(me, &message) {
                            hub.heard(document, told).await;
                        }
                    }
                    Ok(()) = subscriptions.changed() => hub.catch_up_all().await,
                }
            }
        });
    }

    /// Tells the other instances what happened to `document` (nothing alone). Redis down:
    /// they find out from the database (a gap in the numbers, or the catch-up when they
    /// hear again).
    async fn tell(&self, document: DbId, told: Told) {
        if let Some(cluster) = self.inner.cluster.get() {
            let message = peers::encode(cluster.me, document, &told);
            let _ = cluster.channels.send(peers::CHANNEL, &message).await;
        }
    }

    /// Applies what another instance told about `document`, if it is loaded here.
    async fn heard(&self, document: DbId, told: Told) {
        let Some(slot) = self.slot_of(document) else {
            return;
        };
        let mut room = slot.room.lock().await;
        let Some(loaded) = room.as_mut() else { return };
        match told {
            Told::Stored {
                first,
                last,
                update,
            } => {
                if last <= loaded.stored_seq() {
                    return; // read from the database already
                }
                let next = first == loaded.stored_seq() + 1;
                let applied = next
                    && Update::decode_v1(&update)
                        .ok()
                        .is_some_and(|decoded| loaded.apply(vec![decoded]).is_ok());
                if applied {
                    loaded.set_stored_seq(last);
                    slot.send(0, protocol::update(update));
                } else if let Err(refusal) = self.ready(&slot, &mut room).await {
                    // A gap (or an update that did not apply): read what was stored.
                    tracing::warn!(
                        ?document,
                        ?refusal,
                        "could not catch up with another instance"
                    );
                }
            }
            Told::AskAwareness => {
                if let Some(frame) = loaded.awareness_frame() {
                    self.tell(document, Told::Awareness(frame)).await;
                }
            }
            Told::Awareness(frame) => {
                let Ok(messages) = protocol::decode(&frame) else {
                    return;
                };
                for message in messages {
                    if let Incoming::Awareness(update, _) = message
                        && let Ok((_, Some(frame))) = loaded.apply_awareness(ELSEWHERE, update)
                    {
                        slot.send(0, frame);
                    }
                }
            }
        }
    }

    /// Reads every loaded document from where it stands: after a break in hearing the
    /// other instances, whatever they stored meanwhile.
    async fn catch_up_all(&self) {
        for slot in self.slots() {
            let mut room = slot.room.lock().await;
            if room.is_some()
                && let Err(refusal) = self.ready(&slot, &mut room).await
            {
                tracing::warn!(document = ?slot.document, ?refusal, "could not catch up after a break");
            }
        }
    }

    /// `document`'s room, if it has one here (without making one).
    fn slot_of(&self, document: DbId) -> Option<Arc<Slot>> {
        self.inner
            .rooms
            .lock()
            .expect("rooms")
            .get(&document)
            .cloned()
    }

    /// Every room, loaded or not, as it stands now.
    fn slots(&self) -> Vec<Arc<Slot>> {
        let rooms = self.inner.rooms.lock().expect("rooms");
        rooms.values().cloned().collect()
    }

    fn evict(&self, slot: &Slot, room: &mut Option<Room>, why: Refusal) {
        *room = None;
        for (_, relay) in slot.relays.lock().expect("relays").iter() {
            // A full queue is dropped below anyway: that connection closes too.
            let _ = relay.try_send(Relay::Closed(why));
        }
    }

    /// Closes every connection for a restart: each client reconnects (to another
    /// instance behind a balancer) and syncs. Every change acknowledged is stored already.
    pub async fn close_all(&self) {
        for slot in self.slots() {
            let mut room = slot.room.lock().await;
            self.evict(&slot, &mut room, Refusal::Restarting);
        }
    }

    /// Closes a deleted document for everyone who has it open.
    pub async fn close(&self, document: DbId) {
        if let Some(slot) = self.slot_of(document) {
            let mut room = slot.room.lock().await;
            self.evict(&slot, &mut room, Refusal::NotFound);
        }
    }
}

impl Slot {
    /// Relays `frame` to every connection but `from` (0: the server, so to all). A
    /// connection whose queue is full is dropped from the room: its session sees its
    /// queue close and tells the client to reconnect.
    fn send(&self, from: u64, frame: Vec<u8>) {
        let frame = Bytes::from(frame);
        self.relays.lock().expect("relays").retain(|(peer, relay)| {
            *peer == from
                || match relay.try_send(Relay::Frame(frame.clone())) {
                    Ok(()) => true,
                    Err(TrySendError::Full(_) | TrySendError::Closed(_)) => false,
                }
        });
    }
}

fn unavailable(error: StoreError) -> Refusal {
    tracing::error!(%error, "could not read a document");
    Refusal::Unavailable
}
