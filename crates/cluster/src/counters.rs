//! Counters in fixed windows, shared by every instance: the rate limits' windows kept in
//! Redis, with the same rules as the local ones (`fluxstudio_api::rate_limit::window`). A
//! key's window opens at its first hit and lasts the window; at most `max` hits are
//! counted in it, and a refused hit is not counted.

use std::time::Duration;

use redis::Script;

use crate::{Redis, Unavailable};

/// One script, so reading, counting and opening the window happen at once on Redis, whoever
/// else is counting. `ARGV`: the most hits, the window in milliseconds, and `1` to count
/// (or `0` to only look). Answers the hits counted and the milliseconds left.
const HIT: &str = r"
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  hits = 0
  left = tonumber(ARGV[2])
end
local allowed = hits < tonumber(ARGV[1])
if allowed and ARGV[3] == '1' then
  if hits == 0 then
    redis.call('SET', KEYS[1], 1, 'PX', ARGV[2])
    hits = 1
  else
    hits = redis.call('INCR', KEYS[1])
  end
end
return {allowed and 1 or 0, hits, left}
";

/// About 139 years, in milliseconds.
const LONGEST_WINDOW_MS: u64 = 1 << 42;

/// Where a key stands in its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Whether this hit is allowed (for a look: whether one would be).
    pub allowed: bool,
    /// Hits counted in the window.
    pub hits: u32,
    /// Until the window ends (a whole window when none is open).
    pub ends_in: Duration,
}

impl Redis {
    /// Counts a hit on `key` unless `max` are already counted in its window, or only looks
    /// when `count` is false.
    pub async fn hit(
        &self,
        key: &str,
        max: u32,
        window: Duration,
        count: bool,
    ) -> Result<Window, Unavailable> {
        // Redis refuses an expiry that overflows its clock; a century is long enough.
        let window_ms = u64::try_from(window.as_millis())
            .unwrap_or(u64::MAX)
            .clamp(1, LONGEST_WINDOW_MS);
        let script = Script::new(HIT);
        let mut invocation = script.key(key);
        invocation.arg(max).arg(window_ms).arg(u8::from(count));
        let (allowed, hits, left): (u8, u64, i64) = self
            .run(async |connection| invocation.invoke_async(connection).await)
            .await?;
        Ok(Window {
            allowed: allowed == 1,
            hits: u32::try_from(hits).unwrap_or(u32::MAX),
            ends_in: Duration::from_millis(u64::try_from(left).unwrap_or(0)),
        })
    }

    /// Forgets `key`'s window.
    pub async fn forget(&self, key: &str) -> Result<(), Unavailable> {
        self.run(async |connection| {
            redis::cmd("DEL")
                .arg(key)
                .query_async::<()>(connection)
                .await
        })
        .await
    }
}
