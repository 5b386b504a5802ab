//! The counting core of the HTTP rate limiter: fixed windows per key, free of any HTTP type
//! so it can be tested with explicit instants.
//!
//! A key's window opens at its first hit and lasts `window`; within it at most `max` hits are
//! allowed, so "3 per 15 minutes" means exactly that (the fourth is refused). Windows are
//! per key rather than aligned to the clock, so a client cannot burst `2 × max` across a
//! boundary it did not choose. A refused hit is not counted, so a client that keeps
//! knocking still gets in once its window ends.
//!
//! Memory stays bounded by the keys active within one window: expired windows are swept
//! at most once per window, and also when the map has doubled since the last sweep.
//!
//! Uses only `std`, so it can be tested on its own:
//! `rustc --edition 2024 --test crates/api/src/rate_limit/window.rs -o /tmp/window-test`.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Fewest keys held before growth alone triggers a sweep.
const SWEEP_THRESHOLD: usize = 1024;

/// The answer for one key: whether the request may proceed, and what to tell the client
/// (the `RateLimit-*` headers, and `Retry-After` when refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// Hits allowed per window.
    pub limit: u32,
    /// Hits still allowed in the current window.
    pub remaining: u32,
    /// Until this key's window ends (a whole window when none is open): `Retry-After` when
    /// refused.
    pub reset_after: Duration,
}

impl Decision {
    /// [`Decision::reset_after`] in whole seconds, rounded up, so a client that waits that
    /// long finds the window over (rounding down would send it back a moment too early).
    pub fn reset_after_secs(&self) -> u64 {
        let part = u64::from(self.reset_after.subsec_nanos() > 0);
        self.reset_after.as_secs().saturating_add(part)
    }
}

/// Counts hits per key in fixed windows. Shared by reference between requests.
pub struct FixedWindows {
    window: Duration,
    max: u32,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    counts: HashMap<String, Count>,
    last_sweep: Option<Instant>,
    /// The size at which growth triggers a sweep; doubled after each one, so a map full of
    /// live keys is not swept again on every new key.
    sweep_at: usize,
}

struct Count {
    opened: Instant,
    hits: u32,
}

impl FixedWindows {
    /// At most `max` hits per key within `window` of its first.
    pub fn new(window: Duration, max: u32) -> Self {
        Self {
            window,
            max,
            state: Mutex::new(State {
                sweep_at: SWEEP_THRESHOLD,
                ..State::default()
            }),
        }
    }

    /// Counts one hit for `key` at `now`, unless it is refused, and answers.
    pub fn hit(&self, key: &str, now: Instant) -> Decision {
        let mut state = self.lock();
        self.sweep_if_due(&mut state, now);
        let new = Count {
            opened: now,
            hits: 0,
        };
        match state.counts.get_mut(key) {
            Some(count) if !self.is_open(count, now) => *count = new,
            Some(_) => {}
            // The key is copied only when it is new, not on every hit.
            None => {
                state.counts.insert(key.to_owned(), new);
            }
        }
        let Some(count) = state.counts.get_mut(key) else {
            return self.fresh(); // unreachable: the key was just made present
        };
        let allowed = count.hits < self.max;
        if allowed {
            count.hits += 1;
        }
        self.decision(allowed, count, now)
    }

    /// The answer a hit for `key` at `now` would get, without counting it: used to refuse
    /// a login whose failures have already reached the limit.
    pub fn peek(&self, key: &str, now: Instant) -> Decision {
        let state = self.lock();
        match state.counts.get(key) {
            Some(count) if self.is_open(count, now) => {
                self.decision(count.hits < self.max, count, now)
            }
            _ => self.fresh(),
        }
    }

    /// Forgets `key`'s window: used after a successful login to clear that account's
    /// failures.
    pub fn reset(&self, key: &str) {
        self.lock().counts.remove(key);
    }

    /// The answer for a key with no open window.
    fn fresh(&self) -> Decision {
        Decision {
            allowed: self.max > 0,
            limit: self.max,
            remaining: self.max,
            reset_after: self.window,
        }
    }

    fn decision(&self, allowed: bool, count: &Count, now: Instant) -> Decision {
        Decision {
            allowed,
            limit: self.max,
            remaining: self.max.saturating_sub(count.hits),
            reset_after: self.window.saturating_sub(elapsed(count.opened, now)),
        }
    }

    fn is_open(&self, count: &Count, now: Instant) -> bool {
        elapsed(count.opened, now) < self.window
    }

    /// Drops expired windows once a window has passed since the last sweep, or when the map
    /// has grown past `sweep_at`.
    fn sweep_if_due(&self, state: &mut State, now: Instant) {
        let timely = state
            .last_sweep
            .is_none_or(|last| elapsed(last, now) >= self.window);
        if !timely && state.counts.len() < state.sweep_at {
            return;
        }
        state.counts.retain(|_, count| self.is_open(count, now));
        state.last_sweep = Some(now);
        state.sweep_at = SWEEP_THRESHOLD.max(state.counts.len().saturating_mul(2));
    }

    /// The state, even if a thread panicked while holding it: every update leaves it
    /// consistent, so the limiter keeps working rather than failing every request.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Keys may be account emails or addresses, so they are not printed.
impl fmt::Debug for FixedWindows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FixedWindows")
            .field("window", &self.window)
            .field("max", &self.max)
            .finish_non_exhaustive()
    }
}

/// Time from `start` to `now`; zero if `now` is earlier (instants from another thread may
/// arrive slightly out of order), never a panic.
fn elapsed(start: Instant, now: Instant) -> Duration {
    now.saturating_duration_since(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn limiter() -> (FixedWindows, Instant) {
        (FixedWindows::new(15 * MINUTE, 3), Instant::now())
    }

    fn held(windows: &FixedWindows) -> usize {
        windows.lock().counts.len()
    }

    #[test]
    fn allows_exactly_max_per_window() {
        let (windows, t0) = limiter();
        let remaining: Vec<(bool, u32)> = (0..5)
            .map(|i| windows.hit("ip:1", t0 + Duration::from_secs(i)))
            .map(|d| (d.allowed, d.remaining))
            .collect();
        assert_eq!(
            remaining,
            [(true, 2), (true, 1), (true, 0), (false, 0), (false, 0)]
        );
    }

    #[test]
    fn the_window_ends_a_full_window_after_the_first_hit() {
        let (windows, t0) = limiter();
        for i in 0..3 {
            windows.hit("ip:1", t0 + MINUTE * i);
        }
        let just_before = t0 + 15 * MINUTE - Duration::from_millis(1);
        let refused = windows.hit("ip:1", just_before);
        assert!(!refused.allowed);
        assert_eq!(refused.reset_after, Duration::from_millis(1));
        assert_eq!(refused.reset_after_secs(), 1, "rounded up");

        let reopened = windows.hit("ip:1", t0 + 15 * MINUTE);
        assert!(reopened.allowed);
        assert_eq!(reopened.remaining, 2);
        assert_eq!(
            reopened.reset_after,
            15 * MINUTE,
            "a new window from this hit"
        );
    }

    #[test]
    fn refused_hits_are_not_counted() {
        let windows = FixedWindows::new(MINUTE, 1);
        let t0 = Instant::now();
        assert!(windows.hit("k", t0).allowed);
        for s in 1..60 {
            assert!(!windows.hit("k", t0 + Duration::from_secs(s)).allowed);
        }
        // Knocking all minute long did not push the window's end back.
        assert!(windows.hit("k", t0 + MINUTE).allowed);
    }

    #[test]
    fn reports_limit_remaining_and_reset_after() {
        let (windows, t0) = limiter();
        let first = windows.hit("k", t0);
        assert_eq!(
            first,
            Decision {
                allowed: true,
                limit: 3,
                remaining: 2,
                reset_after: 15 * MINUTE,
            }
        );
        let second = windows.hit("k", t0 + 10 * MINUTE);
        assert_eq!((second.remaining, second.reset_after), (1, 5 * MINUTE));
        assert_eq!(second.reset_after_secs(), 300);
    }

    #[test]
    fn keys_are_independent() {
        let (windows, t0) = limiter();
        for _ in 0..3 {
            windows.hit("a", t0);
        }
        assert!(!windows.hit("a", t0).allowed);
        let other = windows.hit("b", t0);
        assert!(other.allowed);
        assert_eq!(other.remaining, 2);
    }

    #[test]
    fn peek_answers_without_counting() {
        let (windows, t0) = limiter();
        assert_eq!(windows.peek("k", t0), windows.fresh());
        assert_eq!(held(&windows), 0, "peeking opens no window");
        for _ in 0..10 {
            assert!(windows.peek("k", t0).allowed);
        }
        for i in 0..3 {
            windows.hit("k", t0 + MINUTE * i);
        }
        let refused = windows.peek("k", t0 + 5 * MINUTE);
        assert!(!refused.allowed);
        assert_eq!((refused.remaining, refused.reset_after), (0, 10 * MINUTE));
        assert!(windows.peek("k", t0 + 15 * MINUTE).allowed, "window over");
    }

    #[test]
    fn reset_clears_a_key_only() {
        let (windows, t0) = limiter();
        for _ in 0..3 {
            windows.hit("ada@studio.example", t0);
            windows.hit("bob@studio.example", t0);
        }
        windows.reset("ada@studio.example");
        windows.reset("nobody@studio.example");
        assert_eq!(windows.peek("ada@studio.example", t0).remaining, 3);
        assert!(windows.hit("ada@studio.example", t0).allowed);
        assert!(!windows.peek("bob@studio.example", t0).allowed);
    }

    #[test]
    fn expired_windows_are_swept_once_a_window_has_passed() {
        let (windows, t0) = limiter();
        for i in 0..100 {
            windows.hit(&format!("ip:{i}"), t0);
        }
        windows.hit("late", t0 + 10 * MINUTE);
        assert_eq!(held(&windows), 101, "nothing expired yet");
        windows.hit("later", t0 + 15 * MINUTE);
        assert_eq!(held(&windows), 2, "the 100 expired windows are gone");
        // The next sweep waits a window from the last one.
        windows.hit("x", t0 + 26 * MINUTE);
        assert_eq!(held(&windows), 3);
        windows.hit("y", t0 + 30 * MINUTE);
        assert_eq!(
            held(&windows),
            2,
            "`late` and `later` swept; `x` and `y` open"
        );
    }

    #[test]
    fn growth_triggers_a_sweep_before_a_window_has_passed() {
        let windows = FixedWindows::new(MINUTE, 1);
        let t0 = Instant::now();
        let secs = |s| t0 + Duration::from_secs(s);
        windows.hit("first", t0); // sweeps the empty map: the sweep clock starts at t0
        // With `first`, exactly the threshold: held, but not yet past it.
        for i in 0..SWEEP_THRESHOLD - 1 {
            windows.hit(&format!("old:{i}"), secs(30)); // open until t0 + 90 s
        }
        windows.hit("tick", secs(60)); // a timely sweep: drops `first`, keeps the old keys
        assert_eq!(held(&windows), SWEEP_THRESHOLD);
        let sweep_at = windows.lock().sweep_at;
        assert_eq!(
            sweep_at,
            2 * (SWEEP_THRESHOLD - 1),
            "twice what the sweep kept"
        );

        // At t0 + 100 s the old keys have expired, but the next timely sweep is at 120 s.
        for i in 0..sweep_at - SWEEP_THRESHOLD {
            windows.hit(&format!("new:{i}"), secs(100));
        }
        assert_eq!(
            held(&windows),
            sweep_at,
            "not swept yet: the next hit will be"
        );
        windows.hit("new:last", secs(100));
        assert_eq!(
            held(&windows),
            SWEEP_THRESHOLD,
            "the expired old keys are gone"
        );
    }

    #[test]
    fn live_keys_past_the_threshold_do_not_make_every_hit_sweep() {
        let windows = FixedWindows::new(MINUTE, 5);
        let t0 = Instant::now();
        for i in 0..3 * SWEEP_THRESHOLD {
            windows.hit(&format!("k{i}"), t0);
        }
        let state = windows.lock();
        assert_eq!(
            state.counts.len(),
            3 * SWEEP_THRESHOLD,
            "live keys are kept"
        );
        assert!(
            state.sweep_at > state.counts.len(),
            "next sweep waits for growth"
        );
    }

    #[test]
    fn zero_max_refuses_everything_and_huge_windows_do_not_overflow() {
        let t0 = Instant::now();
        let none = FixedWindows::new(MINUTE, 0);
        assert!(!none.hit("k", t0).allowed);
        assert!(!none.peek("k", t0).allowed);

        let forever = FixedWindows::new(Duration::MAX, 2);
        assert!(forever.hit("k", t0).allowed);
        assert!(forever.hit("k", t0 + Duration::from_secs(1 << 30)).allowed);
        let refused = forever.hit("k", t0 + Duration::from_secs(1 << 31));
        assert!(!refused.allowed);
        assert!(refused.reset_after > Duration::from_secs(1 << 40));
        assert_eq!(
            Decision {
                reset_after: Duration::MAX,
                ..refused
            }
            .reset_after_secs(),
            u64::MAX
        );
    }

    #[test]
    fn instants_out_of_order_do_not_panic() {
        let (windows, t0) = limiter();
        let later = t0 + MINUTE;
        windows.hit("k", later);
        let earlier = windows.hit("k", t0);
        assert!(earlier.allowed);
        assert_eq!(earlier.reset_after, 15 * MINUTE);
    }

    #[test]
    fn a_poisoned_lock_is_recovered() {
        let (windows, t0) = limiter();
        windows.hit("k", t0);
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = windows.state.lock().unwrap();
            panic!("a handler panicked while holding the lock");
        }));
        assert!(windows.state.is_poisoned());
        assert_eq!(windows.hit("k", t0).remaining, 1);
        windows.reset("k");
        assert_eq!(windows.peek("k", t0).remaining, 3);
    }

    #[test]
    fn shared_between_threads() {
        let windows = FixedWindows::new(MINUTE, 100);
        let t0 = Instant::now();
        let allowed: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| (0..50).filter(|_| windows.hit("k", t0).allowed).count()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(allowed, 100, "exactly max of 200 concurrent hits");
    }

    #[test]
    fn debug_does_not_print_keys() {
        let (windows, t0) = limiter();
        windows.hit("ada@studio.example", t0);
        let shown = format!("{windows:?}");
        assert!(!shown.contains("ada"), "{shown}");
        assert!(shown.contains("max: 3"), "{shown}");
    }
}
