//! The event bus. Services publish an [`Event`] after the change it describes is committed;
//! the real-time layer subscribes and delivers each event to the sockets of its [`Audience`].
//!
//! Live delivery is a convenience, not the record: what a client misses (it was offline,
//! or the bus overflowed) it reads back from the database, by sequence number for
//! messages and by refetching for the rest. So the bus may drop events under overload
//! rather than grow without bound.
#![forbid(unsafe_code)]

use std::sync::{Arc, OnceLock};

use tokio::sync::{broadcast, mpsc};
use uuid::Uuid;

/// Events buffered for a slow subscriber before the oldest are dropped. The buffer is
/// allocated up front (about 100 bytes a slot), so it is sized for bursts, not backlogs:
/// the one subscriber delivers as fast as events come.
const CAPACITY: usize = 4_096;

/// Who an event is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Everyone reading a conversation.
    Conversation(Uuid),
    /// Everyone looking at a project (its board, its activity).
    Project(Uuid),
    /// One person, on every device they are signed in on.
    User(Uuid),
}

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Event {
    /// A named event with a JSON payload, for an audience (the wire names are in
    /// docs/REALTIME.md).
    Emit {
        audience: Audience,
        name: &'static str,
        payload: serde_json::Value,
    },
    /// What `user` may see has changed (removed from a conversation, a project or an
    /// organization): every room their sockets are in is checked again, and left at once
    /// where access is gone.
    AccessChanged { user: Uuid },
    /// Some of `user`'s sessions ended (signed out, revoked, password changed, account
    /// disabled): sockets whose session is no longer live are disconnected.
    SessionsChanged { user: Uuid },
    /// The audience's subject is gone (a deleted project or conversation): every socket
    /// leaves its room.
    Closed { audience: Audience },
}

impl Event {
    /// What another instance's connections must hear too: whose sessions ended and whose
    /// access changed, so their sockets and documents there are checked again.
    pub fn concerns_every_instance(&self) -> bool {
        matches!(
            self,
            Self::AccessChanged { .. } | Self::SessionsChanged { .. }
        )
    }

    pub fn emit(audience: Audience, name: &'static str, payload: serde_json::Value) -> Self {
        Self::Emit {
            audience,
            name,
            payload,
        }
    }
}

/// The bus: cheap to clone, one per process.
#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Event>,
    /// Where events the other instances must hear go too, once instances share a Redis.
    relay: Arc<OnceLock<mpsc::UnboundedSender<Event>>>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBus {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(CAPACITY);
        Self {
            sender,
            relay: Arc::default(),
        }
    }

    /// Hands `event` to every subscriber; with none (real time turned off) it is dropped.
    /// One the other instances must hear also goes to the relay, when one is set.
    pub fn publish(&self, event: Event) {
        if let Some(relay) = self.relay.get()
            && event.concerns_every_instance()
        {
            let _ = relay.send(event.clone());
        }
        let _ = self.sender.send(event);
    }

    /// Hands an event another instance published to this one's subscribers only (it is
    /// not relayed back).
    pub fn publish_from_elsewhere(&self, event: Event) {
        let _ = self.sender.send(event);
    }

    /// Sends the events every instance must hear to `relay` from now on (set once).
    pub fn relay_to(&self, relay: mpsc::UnboundedSender<Event>) {
        let _ = self.relay.set(relay);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_receive_events_in_publish_order() {
        let bus = EventBus::new();
        let mut first = bus.subscribe();
        let mut second = bus.subscribe();
        let room = Audience::User(Uuid::nil());
        for n in 0..3 {
            bus.publish(Event::emit(room, "n", serde_json::json!(n)));
        }
        for receiver in [&mut first, &mut second] {
            for n in 0..3 {
                match receiver.recv().await.unwrap() {
                    Event::Emit { payload, .. } => assert_eq!(payload, serde_json::json!(n)),
                    other => panic!("unexpected {other:?}"),
                }
            }
        }
    }

    #[test]
    fn publishing_with_no_subscriber_is_harmless() {
        EventBus::new().publish(Event::AccessChanged { user: Uuid::nil() });
    }

    #[tokio::test]
    async fn only_what_every_instance_must_hear_is_relayed_and_never_back() {
        let bus = EventBus::new();
        let mut here = bus.subscribe();
        let (relay, mut relayed) = mpsc::unbounded_channel();
        bus.relay_to(relay);
        let user = Uuid::new_v4();
        bus.publish(Event::emit(Audience::User(user), "n", serde_json::json!(1)));
        bus.publish(Event::SessionsChanged { user });
        bus.publish_from_elsewhere(Event::AccessChanged { user });
        assert!(matches!(
            relayed.recv().await,
            Some(Event::SessionsChanged { .. })
        ));
        assert!(
            relayed.try_recv().is_err(),
            "the emit stays here, the relayed stays here"
        );
        for _ in 0..3 {
            here.recv().await.unwrap();
        }
    }
}
