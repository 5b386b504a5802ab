//! What several instances share through Redis when `REDIS_URL` is set: counters for the
//! rate limits (`counters`), channels from one instance to the others (`channels`: the
//! Socket.IO adapter's, the event relay's and the documents'), who is online (`presence`)
//! and who is looking at which board (`boards`).
//!
//! [`Redis`] holds one multiplexed connection and makes a new one when it breaks, at most
//! once per [`RETRY_EVERY`]; until then every call fails at once with [`Unavailable`], so a
//! caller falls back to what it can do alone (local counters) instead of waiting. Whether
//! Redis answers is kept for `/api/health/ready` ("degraded"), and each change is logged
//! once.

mod boards;
mod channels;
mod counters;
mod presence;

use std::{
    sync::{
        Arc,
        atomic::{AtomicU8, Ordering},
    },
    time::Duration,
};

use redis::aio::{ConnectionLike, MultiplexedConnection};
use tokio::{sync::Mutex, time::Instant};

pub use boards::Board;
pub use channels::Channels;
pub use counters::Window;
pub use presence::Buried;

/// How long to wait between attempts to reach a Redis that is down.
pub const RETRY_EVERY: Duration = Duration::from_secs(1);
/// The longest a call waits for Redis: past it, the caller goes on without it. Loopback or
/// a private network answers in well under a millisecond.
const RESPONSE_TIMEOUT: Duration = Duration::from_millis(500);
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Redis did not answer (or is being reconnected): do without it.
#[derive(Debug, thiserror::Error)]
#[error("Redis is unavailable: {0}")]
pub struct Unavailable(String);

/// A `REDIS_URL` that is not a Redis URL.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadUrl(String);

/// The shared Redis. Cheap to clone.
#[derive(Clone)]
pub struct Redis {
    inner: Arc<Inner>,
}

struct Inner {
    client: redis::Client,
    /// The live connection, `None` while Redis is down; the instant is when to try again.
    connection: Mutex<(Option<MultiplexedConnection>, Instant)>,
    /// [`UNKNOWN`] until the first call, then [`UP`] or [`DOWN`].
    state: AtomicU8,
    /// The subscription of [`Channels`]: [`UNKNOWN`] when none was started, else whether
    /// it is live.
    listening: AtomicU8,
}

const UNKNOWN: u8 = 0;
const UP: u8 = 1;
const DOWN: u8 = 2;

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redis")
            .field("up", &self.is_up())
            .finish_non_exhaustive()
    }
}

impl Redis {
    /// A handle on the Redis at `url` (`redis://host:port/db`; TLS, `rediss://`, is refused: the
    /// client is built without it for now). Nothing
    /// is connected yet: see [`Redis::connect`].
    pub fn new(url: &str) -> Result<Self, BadUrl> {
        let client = redis::Client::open(url).map_err(|error| BadUrl(error.to_string()))?;
        Ok(Redis {
            inner: Arc::new(Inner {
                client,
                connection: Mutex::new((None, Instant::now())),
                state: AtomicU8::new(UNKNOWN),
                listening: AtomicU8::new(UNKNOWN),
            }),
        })
    }

    /// Connects now, to say at start whether Redis answers. An instance starts either way:
    /// while Redis is down it serves alone, degraded, and reconnects when it can.
    pub async fn connect(&self) -> Result<(), Unavailable> {
        self.connection().await.map(drop)
    }

    /// Whether Redis answered the last call.
    pub fn is_up(&self) -> bool {
        self.inner.state.load(Ordering::Relaxed) == UP
    }

    /// Whether Redis answers a `PING` now (or, while it is being reconnected, did last),
    /// and the channels' subscription, if started, is live: until both, what one instance
    /// publishes may not reach the others.
    pub async fn answers(&self) -> bool {
        let ping = self
            .run(async |connection| redis::cmd("PING").query_async::<String>(connection).await)
            .await;
        let listening = self.inner.listening.load(Ordering::Relaxed) != DOWN;
        (ping.is_ok() || self.is_up()) && listening
    }

    /// Records whether the channels' subscription is live.
    pub(crate) fn set_listening(&self, live: bool) {
        let state = if live { UP } else { DOWN };
        self.inner.listening.store(state, Ordering::Relaxed);
    }

    /// Runs `command` on the connection. A failure marks Redis down, and one that broke the
    /// connection drops it so the next call (after [`RETRY_EVERY`]) makes a new one.
    pub(crate) async fn run<T: redis::FromRedisValue>(
        &self,
        command: impl AsyncFnOnce(&mut MultiplexedConnection) -> redis::RedisResult<T>,
    ) -> Result<T, Unavailable> {
        let mut connection = self.connection().await?;
        // The client's own response timeout does not bound every path (a script's
        // EVALSHA-then-load, a connection being torn down): this one does.
        let answered = tokio::time::timeout(RESPONSE_TIMEOUT * 2, command(&mut connection))
            .await
            .unwrap_or_else(|_| Err(timed_out()));
        match answered {
            Ok(value) => Ok(value),
            Err(error) => {
                if error.is_unrecoverable_error() || error.is_timeout() {
                    let mut slot = self.inner.connection.lock().await;
                    slot.0 = None;
                    slot.1 = Instant::now() + RETRY_EVERY;
                }
                self.mark(false, Some(&error));
                Err(Unavailable(error.to_string()))
            }
        }
    }

    /// The live connection, or a new one when it is time to try again.
    async fn connection(&self) -> Result<MultiplexedConnection, Unavailable> {
        // Whoever is connecting holds the slot; everyone else goes on without Redis.
        let Ok(mut slot) = self.inner.connection.try_lock() else {
            return Err(Unavailable("connecting".into()));
        };
        if let Some(connection) = &slot.0 {
            return Ok(connection.clone());
        }
        if Instant::now() < slot.1 {
            return Err(Unavailable("waiting to reconnect".into()));
        }
        let config = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT));
        // A connection is only up once Redis answers on it. Bounded as a whole: the
        // client's connection timeout does not cover a server that accepts and then
        // stalls (one starting up, or behind a dropping firewall).
        let connecting = async {
            let mut connection = self
                .inner
                .client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            connection.req_packed_command(&redis::cmd("PING")).await?;
            redis::RedisResult::Ok(connection)
        };
        let connected = tokio::time::timeout(CONNECT_TIMEOUT, connecting)
            .await
            .unwrap_or_else(|_| Err(timed_out()));
        let connection = match connected {
            Ok(connection) => connection,
            Err(error) => {
                slot.1 = Instant::now() + RETRY_EVERY;
                self.mark(false, Some(&error));
                return Err(Unavailable(error.to_string()));
            }
        };
        slot.0 = Some(connection.clone());
        self.mark(true, None);
        Ok(connection)
    }

    /// Records whether Redis answers, logging the first answer and each change once.
    fn mark(&self, up: bool, error: Option<&redis::RedisError>) {
        let state = if up { UP } else { DOWN };
        if self.inner.state.swap(state, Ordering::Relaxed) == state {
            return;
        }
        if up {
            tracing::info!("Redis answers: limits and sessions are shared across instances");
        } else {
            let error = error.map(ToString::to_string).unwrap_or_default();
            tracing::warn!(
                %error,
                "Redis is unreachable: degraded, this instance counts its limits alone until it is back"
            );
        }
    }
}

fn timed_out() -> redis::RedisError {
    redis::RedisError::from(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "Redis did not answer in time",
    ))
}
