//! A budget of events per person, across their sockets on this instance: a token bucket
//! refilled at `per_second`, holding at most `burst`. The HTTP rate limiter never sees the
//! Socket.IO transport; this is its counterpart for events.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventRate {
    pub per_second: f64,
    pub burst: f64,
}

impl Default for EventRate {
    fn default() -> Self {
        Self {
            per_second: 20.0,
            burst: 100.0,
        }
    }
}

/// Buckets kept before the full ones are dropped.
const PRUNE_AT: usize = 4_096;

pub(crate) struct Throttle {
    rate: EventRate,
    buckets: Mutex<HashMap<Uuid, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Throttle {
    pub fn new(rate: EventRate) -> Self {
        Self {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one event from `user`'s budget; when it is spent, how long until one is back.
    pub fn take(&self, user: Uuid, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= PRUNE_AT {
            self.prune(&mut buckets, now);
        }
        let bucket = buckets.entry(user).or_insert(Bucket {
            tokens: self.rate.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.rate.per_second).min(self.rate.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / self.rate.per_second;
            Err(Duration::from_secs_f64(wait))
        }
    }
}

impl Throttle {
    /// Drops the buckets that have refilled: a full bucket is what a stranger starts with,
    /// so forgetting one changes nothing (and reconnecting never resets a budget).
    fn prune(&self, buckets: &mut HashMap<Uuid, Bucket>, now: Instant) {
        buckets.retain(|_, bucket| {
            let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
            bucket.tokens + elapsed * self.rate.per_second < self.rate.burst
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_refill_rate() {
        let throttle = Throttle::new(EventRate {
            per_second: 2.0,
            burst: 3.0,
        });
        let (me, start) = (Uuid::now_v7(), Instant::now());
        for _ in 0..3 {
            assert!(throttle.take(me, start).is_ok());
        }
        let wait = throttle.take(me, start).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert!(
            throttle
                .take(me, start + Duration::from_millis(500))
                .is_ok()
        );
        assert!(
            throttle
                .take(me, start + Duration::from_millis(500))
                .is_err()
        );
        // Someone else has their own budget.
        assert!(throttle.take(Uuid::now_v7(), start).is_ok());
    }

    #[test]
    fn only_refilled_buckets_are_pruned() {
        let throttle = Throttle::new(EventRate {
            per_second: 1.0,
            burst: 2.0,
        });
        let now = Instant::now();
        let (spent, idle) = (Uuid::now_v7(), Uuid::now_v7());
        throttle.take(spent, now).unwrap();
        throttle.take(spent, now).unwrap();
        throttle.take(idle, now - Duration::from_secs(10)).unwrap();
        let mut buckets = throttle.buckets.lock().unwrap();
        throttle.prune(&mut buckets, now);
        assert!(buckets.contains_key(&spent), "a spent budget is kept");
        assert!(!buckets.contains_key(&idle), "a refilled one is forgotten");
    }
}
