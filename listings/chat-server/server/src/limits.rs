//! The rules a client must keep: what a name may look like, and how fast it
//! may talk. Both are plain values with no I/O, so they are tested with
//! made-up inputs and made-up clocks.

use std::time::Instant;

/// The longest name, in characters (all of them ASCII, so also bytes).
pub const MAX_NAME_LEN: usize = 20;

// ANCHOR: name
/// A name is 1 to 20 ASCII letters, digits, `_` or `-`: short enough for a
/// list, and nothing a page could mistake for markup.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a name cannot be empty".into());
    }
    if name.len() > MAX_NAME_LEN {
        return Err(format!("a name has at most {MAX_NAME_LEN} characters"));
    }
    match name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        Some(c) => Err(format!("a name cannot contain {c:?}")),
        None => Ok(()),
    }
}
// ANCHOR_END: name

// ANCHOR: rate
/// A token bucket: it holds at most `per_sec` tokens and gains `per_sec`
/// of them every second; each message takes one. A client may burst one
/// second's worth, then keeps to the rate.
#[derive(Debug)]
pub struct RateLimiter {
    per_sec: f64,
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    pub fn new(per_sec: u32, now: Instant) -> RateLimiter {
        let per_sec = f64::from(per_sec.max(1));
        RateLimiter {
            per_sec,
            tokens: per_sec,
            last: now,
        }
    }

    /// Takes a token if there is one. The caller passes the time, so tests
    /// need no sleeping.
    pub fn try_take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last);
        self.last = now;
        self.tokens = (self.tokens + elapsed.as_secs_f64() * self.per_sec).min(self.per_sec);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
// ANCHOR_END: rate

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn names() {
        let cases = [
            ("plain", "ada", true),
            ("digits, dash and underscore", "ada_99-x", true),
            ("twenty characters", "abcdefghijabcdefghij", true),
            ("empty", "", false),
            ("twenty-one characters", "abcdefghijabcdefghijk", false),
            ("space", "ada lovelace", false),
            ("markup", "<script>", false),
            ("non-ASCII", "zoë", false),
        ];
        for (case, name, ok) in cases {
            assert_eq!(validate_name(name).is_ok(), ok, "{case}: {name:?}");
        }
    }

    #[test]
    fn rate_limiter_allows_a_burst_then_the_rate() {
        let start = Instant::now();
        let mut limiter = RateLimiter::new(3, start);
        // (milliseconds after start, allowed?)
        let steps = [
            (0, true),
            (0, true),
            (0, true),
            (0, false), // the burst of three is spent
            (100, false),
            (334, true), // a third of a second buys one token
            (334, false),
            (5000, true), // a long pause refills, but only up to three
            (5000, true),
            (5000, true),
            (5000, false),
        ];
        for (i, (ms, want)) in steps.into_iter().enumerate() {
            let now = start + Duration::from_millis(ms);
            assert_eq!(limiter.try_take(now), want, "step {i} at {ms} ms");
        }
    }

    #[test]
    fn a_clock_that_goes_backwards_costs_nothing() {
        let start = Instant::now() + Duration::from_secs(1);
        let mut limiter = RateLimiter::new(1, start);
        assert!(limiter.try_take(start));
        assert!(!limiter.try_take(start - Duration::from_secs(1)));
    }
}
