//! One rate limit's windows, counted in Redis when instances share one (`REDIS_URL`), so a
//! client meets the same limit whichever instance it reaches; counted here alone without
//! Redis, or while it is down (the instance is then "degraded" and says so).

use std::time::{Duration, Instant};

use fluxstudio_cluster::Redis;

use super::window::{Decision, FixedWindows};

pub struct Limit {
    /// Names this limit's keys in Redis.
    name: &'static str,
    window: Duration,
    max: u32,
    local: FixedWindows,
    shared: Option<Redis>,
}

impl Limit {
    /// At most `max` hits per key within `window` of its first, in Redis when `shared`.
    pub fn new(name: &'static str, window: Duration, max: u32, shared: Option<Redis>) -> Self {
        Limit {
            name,
            window,
            max,
            local: FixedWindows::new(window, max),
            shared,
        }
    }

    /// Counts one hit for `key`, unless it is refused, and answers.
    pub async fn hit(&self, key: &str) -> Decision {
        self.ask(key, true).await
    }

    /// The answer a hit for `key` would get, without counting it.
    pub async fn peek(&self, key: &str) -> Decision {
        self.ask(key, false).await
    }

    /// Forgets `key`'s window (here and in Redis).
    pub async fn reset(&self, key: &str) {
        self.local.reset(key);
        if let Some(redis) = &self.shared {
            // Down: its window ends on its own, and a reset is only a kindness.
            let _ = redis.forget(&self.redis_key(key)).await;
        }
    }

    async fn ask(&self, key: &str, count: bool) -> Decision {
        if let Some(redis) = &self.shared
            && let Ok(window) = redis
                .hit(&self.redis_key(key), self.max, self.window, count)
                .await
        {
            return Decision {
                allowed: window.allowed,
                limit: self.max,
                remaining: self.max.saturating_sub(window.hits),
                reset_after: window.ends_in,
            };
        }
        let now = Instant::now();
        if count {
            self.local.hit(key, now)
        } else {
            self.local.peek(key, now)
        }
    }

    fn redis_key(&self, key: &str) -> String {
        format!("fluxstudio:limit:{}:{key}", self.name)
    }
}
