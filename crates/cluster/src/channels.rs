//! The pub/sub transport under socketioxide's Redis adapter (`socketioxide-redis`): its
//! [`Driver`] over [`Redis`], so that Socket.IO keeps the rules of the rest of the cluster.
//!
//! The adapter's own driver holds one connection that is never remade and fails a
//! broadcast outright when Redis is down, before the local sockets are reached. This one:
//! - subscribes on a connection of its own, made again (every [`RETRY_EVERY`]) whenever it
//!   breaks, and subscribes again to every channel then;
//! - publishes through [`Redis`], and when Redis does not answer lets the adapter go on with
//!   the sockets of this instance (degraded: Redis's state is logged and reported once);
//! - without `REDIS_URL` ([`Channels::alone`]) is a single instance: nothing leaves it.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, RwLock},
};

use futures_util::StreamExt;
use redis::aio::PubSubSink;
use socketioxide_redis::drivers::{ChanItem, Driver, MessageStream};
use tokio::sync::{mpsc, watch};

use crate::{CONNECT_TIMEOUT, RETRY_EVERY, Redis, Unavailable};

/// Cheap to clone; clones share the subscription.
#[derive(Clone)]
pub struct Channels {
    /// `None`: alone, no other instance to reach.
    shared: Option<Arc<Shared>>,
}

struct Shared {
    redis: Redis,
    /// Who hears each subscribed channel.
    handlers: RwLock<HashMap<String, mpsc::Sender<ChanItem>>>,
    /// Subscribes on the live subscription; `None` while it is being remade.
    sink: Mutex<Option<PubSubSink>>,
    /// Counts the subscriptions made: a change after the first means a break, in which
    /// messages may have been missed.
    subscriptions: watch::Sender<u64>,
}

impl Channels {
    /// A single instance: publishing reaches no one, subscribing hears nothing.
    pub fn alone() -> Self {
        Channels { shared: None }
    }

    /// Starts subscribing through `redis`, and returns once the first attempt is over
    /// (bounded by the connect timeout), whether or not Redis answered.
    pub async fn start(redis: Redis) -> Self {
        let shared = Arc::new(Shared {
            redis,
            handlers: RwLock::default(),
            sink: Mutex::default(),
            subscriptions: watch::Sender::new(0),
        });
        let (tried, first) = tokio::sync::oneshot::channel();
        tokio::spawn(subscribe_forever(shared.clone(), tried));
        let _ = first.await;
        Channels {
            shared: Some(shared),
        }
    }

    /// Changes with every subscription made: after the first, each change means a break
    /// in which messages may have been missed. Alone, it never changes.
    pub fn subscriptions(&self) -> watch::Receiver<u64> {
        match &self.shared {
            Some(shared) => shared.subscriptions.subscribe(),
            None => watch::channel(0).1,
        }
    }

    /// Sends `message` to every instance subscribed to `channel`.
    pub async fn send(&self, channel: &str, message: &[u8]) -> Result<(), Unavailable> {
        let Some(shared) = &self.shared else {
            return Ok(());
        };
        shared
            .redis
            .run(async |connection| {
                redis::cmd("PUBLISH")
                    .arg(channel)
                    .arg(message)
                    .query_async::<()>(connection)
                    .await
            })
            .await
    }

    /// Hears `channel` from now on, through every break (`size`: messages held for a slow
    /// reader before further ones are dropped).
    pub async fn hear(&self, channel: String, size: usize) -> mpsc::Receiver<ChanItem> {
        let (tx, rx) = mpsc::channel(size);
        let Some(shared) = &self.shared else {
            return rx;
        };
        write(&shared.handlers).insert(channel.clone(), tx);
        // Taken after the handler is in: either this subscribes, or the next subscription
        // (made after the sink is stored) finds the handler.
        let sink = lock(&shared.sink).clone();
        if let Some(mut sink) = sink {
            let subscribed = tokio::time::timeout(CONNECT_TIMEOUT, sink.subscribe(&channel));
            if !matches!(subscribed.await, Ok(Ok(()))) {
                tracing::warn!(channel, "could not subscribe now; will when Redis is back");
            }
        }
        rx
    }
}

/// Keeps one subscription to every channel heard, remaking it after every break.
async fn subscribe_forever(shared: Arc<Shared>, tried: tokio::sync::oneshot::Sender<()>) {
    let mut tried = Some(tried);
    loop {
        if let Some(mut messages) = subscribe_all(&shared).await {
            shared.redis.set_listening(true);
            shared.subscriptions.send_modify(|n| *n += 1);
            if let Some(tell) = tried.take() {
                let _ = tell.send(());
            }
            while let Some(message) = messages.next().await {
                let channel = message.get_channel_name();
                let handler = read(&shared.handlers).get(channel).cloned();
                if let Some(handler) = handler {
                    let item = (channel.to_owned(), message.get_payload_bytes().to_vec());
                    if handler.try_send(item).is_err() {
                        tracing::warn!(channel, "a Redis channel's reader is behind; dropped");
                    }
                }
            }
            *lock(&shared.sink) = None;
            tracing::warn!("lost the Redis subscription; subscribing again");
        }
        shared.redis.set_listening(false);
        if let Some(tell) = tried.take() {
            let _ = tell.send(());
        }
        tokio::time::sleep(RETRY_EVERY).await;
    }
}

/// A new subscription to every channel heard, or `None` when Redis does not answer.
async fn subscribe_all(shared: &Shared) -> Option<redis::aio::PubSubStream> {
    let attempt = tokio::time::timeout(CONNECT_TIMEOUT, async {
        let pubsub = shared.redis.inner.client.get_async_pubsub().await?;
        let (mut sink, messages) = pubsub.split();
        // Stored first, so a channel heard from now on is subscribed by `hear` if the list
        // below misses it.
        *lock(&shared.sink) = Some(sink.clone());
        let channels: Vec<String> = read(&shared.handlers).keys().cloned().collect();
        if !channels.is_empty() {
            sink.subscribe(&channels).await?;
        }
        redis::RedisResult::Ok(messages)
    });
    match attempt.await {
        Ok(Ok(messages)) => Some(messages),
        _ => {
            *lock(&shared.sink) = None;
            None
        }
    }
}

impl Driver for Channels {
    type Error = Unavailable;

    async fn publish(&self, chan: String, val: Vec<u8>) -> Result<(), Self::Error> {
        // Redis down: the adapter still reaches this instance's sockets; the others catch
        // up when their clients reconnect (by sequence number, by refetching).
        let _ = self.send(&chan, &val).await;
        Ok(())
    }

    async fn subscribe(
        &self,
        chan: String,
        size: usize,
    ) -> Result<MessageStream<ChanItem>, Self::Error> {
        Ok(MessageStream::new(self.hear(chan, size).await))
    }

    async fn unsubscribe(&self, chan: String) -> Result<(), Self::Error> {
        let Some(shared) = &self.shared else {
            return Ok(());
        };
        write(&shared.handlers).remove(&chan);
        let sink = lock(&shared.sink).clone();
        if let Some(mut sink) = sink {
            let _ = sink.unsubscribe(&chan).await;
        }
        Ok(())
    }

    /// How many instances hear `chan`; while Redis does not answer, this one alone, so
    /// no request waits for answers that cannot come.
    async fn num_serv(&self, chan: &str) -> Result<u16, Self::Error> {
        let Some(shared) = &self.shared else {
            return Ok(1);
        };
        let counted = shared
            .redis
            .run(async |connection| {
                redis::cmd("PUBSUB")
                    .arg("NUMSUB")
                    .arg(chan)
                    .query_async::<(String, u16)>(connection)
                    .await
            })
            .await;
        Ok(counted.map_or(1, |(_, count)| count.max(1)))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}
