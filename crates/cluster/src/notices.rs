//! Notices between instances on a Redis channel (pub/sub): what one instance tells the
//! others the moment it happens. Pub/sub keeps nothing: a notice sent while an instance is
//! cut off from Redis never reaches it, so a listener hears [`Heard::Resubscribed`] after
//! every break and makes up for what it may have missed.

use futures_util::StreamExt;

use crate::{CONNECT_TIMEOUT, RETRY_EVERY, Redis, Unavailable};

/// What a listener hears.
#[derive(Debug, PartialEq, Eq)]
pub enum Heard {
    /// A notice's text.
    Notice(String),
    /// Subscribed again after a break, in which notices may have been missed.
    Resubscribed,
}

impl Redis {
    /// Sends `notice` to every instance listening on `channel`.
    pub async fn publish(&self, channel: &str, notice: &str) -> Result<(), Unavailable> {
        self.run(async |connection| {
            redis::cmd("PUBLISH")
                .arg(channel)
                .arg(notice)
                .query_async::<()>(connection)
                .await
        })
        .await
    }

    /// Hears every notice on `channel` for as long as the process runs, subscribing again
    /// (every [`RETRY_EVERY`]) whenever the subscription breaks. `subscribed` is told when
    /// the first attempt is over, whether or not it succeeded, so an instance can wait for
    /// it before it serves.
    pub async fn listen(
        &self,
        channel: &str,
        mut heard: impl FnMut(Heard),
        subscribed: tokio::sync::oneshot::Sender<()>,
    ) {
        let mut subscribed = Some(subscribed);
        let mut broken = false;
        loop {
            // Bounded, as a host that drops packets would hold a connection attempt for
            // minutes.
            let subscribing = tokio::time::timeout(CONNECT_TIMEOUT, async {
                let mut pubsub = self.inner.client.get_async_pubsub().await?;
                pubsub.subscribe(channel).await?;
                redis::RedisResult::Ok(pubsub)
            });
            if let Ok(Ok(mut pubsub)) = subscribing.await {
                if let Some(tell) = subscribed.take() {
                    let _ = tell.send(());
                }
                if broken {
                    heard(Heard::Resubscribed);
                }
                let mut notices = pubsub.on_message();
                while let Some(message) = notices.next().await {
                    if let Ok(text) = message.get_payload::<String>() {
                        heard(Heard::Notice(text));
                    }
                }
                tracing::warn!(channel, "lost the subscription to Redis; subscribing again");
            }
            broken = true;
            if let Some(tell) = subscribed.take() {
                let _ = tell.send(());
            }
            tokio::time::sleep(RETRY_EVERY).await;
        }
    }
}
