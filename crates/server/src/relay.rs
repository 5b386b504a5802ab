//! With `REDIS_URL`, instances tell each other at once what their live connections must
//! hear: whose sessions ended and whose access changed (`Event::concerns_every_instance`).
//! Each instance sends its own such events to one Redis channel and, for each it hears
//! from another, forgets the sessions it remembered (`SessionCache`) and hands the event to
//! its own bus, where its sockets and open documents are checked again.

use fluxstudio_accounts::Accounts;
use fluxstudio_cluster::Channels;
use fluxstudio_events::{Event, EventBus};
use serde_json::{Value, json};
use tokio::{sync::mpsc, task::JoinHandle};
use uuid::Uuid;

const CHANNEL: &str = "fluxstudio:events";
/// Notices held for a slow listener: far more than sessions end at once.
const BACKLOG: usize = 1_024;

/// Starts relaying over `channels` (started, so this instance already listens, or Redis
/// did not answer): an instance that serves before it listens could miss a session ended
/// elsewhere.
pub async fn start(channels: Channels, bus: EventBus, accounts: Accounts) -> [JoinHandle<()>; 2] {
    let instance = Uuid::new_v4();
    let (outbox, mut to_send) = mpsc::unbounded_channel();
    bus.relay_to(outbox);
    let sender = channels.clone();
    let sending = tokio::spawn(async move {
        while let Some(event) = to_send.recv().await {
            let Some(notice) = notice(instance, &event) else {
                continue;
            };
            if let Err(error) = sender.send(CHANNEL, notice.as_bytes()).await {
                // The other instances' memory of sessions lasts a second; their sockets
                // are checked again when they hear of the next change, or reconnect.
                tracing::warn!(%error, "could not tell the other instances of a change");
            }
        }
    });
    let mut notices = channels.hear(CHANNEL.to_owned(), BACKLOG).await;
    let mut subscriptions = channels.subscriptions();
    subscriptions.mark_unchanged();
    let listening = tokio::spawn(async move {
        loop {
            tokio::select! {
                notice = notices.recv() => {
                    let Some((_, text)) = notice else { return };
                    if let Some(event) = from_elsewhere(instance, &text) {
                        accounts.forget_live_sessions();
                        bus.publish_from_elsewhere(event);
                    }
                }
                // Subscribed again after a break: whatever ended meanwhile is read afresh.
                Ok(()) = subscriptions.changed() => accounts.forget_live_sessions(),
            }
        }
    });
    [sending, listening]
}

/// The notice for `event`, sent by `instance`.
fn notice(instance: Uuid, event: &Event) -> Option<String> {
    let (kind, user) = match event {
        Event::SessionsChanged { user } => ("sessions", user),
        Event::AccessChanged { user } => ("access", user),
        _ => return None,
    };
    Some(json!({ "from": instance, "kind": kind, "user": user }).to_string())
}

/// The event another instance's notice tells of (`None` for this instance's own, or a
/// notice it cannot read).
fn from_elsewhere(instance: Uuid, text: &[u8]) -> Option<Event> {
    let notice: Value = serde_json::from_slice(text).ok()?;
    let from: Uuid = notice["from"].as_str()?.parse().ok()?;
    let user: Uuid = notice["user"].as_str()?.parse().ok()?;
    match notice["kind"].as_str()? {
        _ if from == instance => None,
        "sessions" => Some(Event::SessionsChanged { user }),
        "access" => Some(Event::AccessChanged { user }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_and_an_instance_ignores_its_own() {
        let (here, there, user) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let sessions = notice(here, &Event::SessionsChanged { user }).unwrap();
        assert!(matches!(
            from_elsewhere(there, sessions.as_bytes()),
            Some(Event::SessionsChanged { user: u }) if u == user
        ));
        assert!(
            from_elsewhere(here, sessions.as_bytes()).is_none(),
            "its own"
        );
        let access = notice(here, &Event::AccessChanged { user }).unwrap();
        assert!(matches!(
            from_elsewhere(there, access.as_bytes()),
            Some(Event::AccessChanged { .. })
        ));
        assert!(
            notice(
                here,
                &Event::Closed {
                    audience: fluxstudio_events::Audience::User(user)
                }
            )
            .is_none()
        );
        for unreadable in ["", "{}", r#"{"from":"x","kind":"sessions","user":"y"}"#] {
            assert!(
                from_elsewhere(there, unreadable.as_bytes()).is_none(),
                "{unreadable}"
            );
        }
    }
}
