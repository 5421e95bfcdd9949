//! A token bucket per client, for `POST /links`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many buckets the limiter keeps at most. Past it, a new client's
/// bucket takes the place of those that have filled up again (a full bucket
/// is the same as a new one) or, if none has, of the one least recently used.
/// Like Go's `forget`, that scans every bucket, once per new client at the cap.
const MAX_CLIENTS: usize = 10_000;

// ANCHOR: limiter
/// Each client's bucket holds up to `burst` tokens and refills at `rate`
/// per minute; a request takes one token, or is told how long to wait.
#[derive(Debug)]
pub struct Limiter {
    per_sec: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    /// When `tokens` was last brought up to date.
    last: Instant,
}

impl Limiter {
    pub fn new(per_minute: u32, burst: u32) -> Limiter {
        Limiter {
            per_sec: f64::from(per_minute) / 60.0,
            burst: f64::from(burst),
            buckets: Mutex::default(),
        }
    }

    /// Takes a token from `client`'s bucket at `now`. When the bucket has
    /// less than one, takes nothing and returns how long until it has.
    pub fn allow(&self, client: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap();
        if !buckets.contains_key(client) && buckets.len() >= MAX_CLIENTS {
            buckets.retain(|_, b| self.refilled(b, now) < self.burst);
            if buckets.len() >= MAX_CLIENTS {
                let oldest = buckets.iter().min_by_key(|(_, b)| b.last);
                if let Some(oldest) = oldest.map(|(client, _)| client.clone()) {
                    buckets.remove(&oldest);
                }
            }
        }
        let bucket = buckets.entry(client.to_owned()).or_insert(Bucket {
            tokens: self.burst,
            last: now,
        });
        bucket.tokens = self.refilled(bucket, now);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.per_sec,
            ))
        }
    }

    /// The tokens `bucket` holds at `now`.
    fn refilled(&self, bucket: &Bucket, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
        (bucket.tokens + elapsed * self.per_sec).min(self.burst)
    }
}
// ANCHOR_END: limiter

#[cfg(test)]
mod tests {
    use super::*;

    /// The limiter reads no clock of its own, so these steps are exact (the
    /// same steps as Go's `TestLimiter`).
    #[test]
    fn refills_one_token_a_second() {
        let start = Instant::now();
        let limiter = Limiter::new(60, 2);
        let second = Duration::from_secs(1);
        let hour = Duration::from_secs(3600);
        let steps = [
            (
                "a full bucket lets one through",
                "a",
                Duration::ZERO,
                Ok(()),
            ),
            ("the second of the burst", "a", Duration::ZERO, Ok(())),
            ("an empty bucket refuses", "a", Duration::ZERO, Err(second)),
            ("the wait shrinks", "a", second / 4, Err(second * 3 / 4)),
            ("one token comes back", "a", second, Ok(())),
            ("another client has its own", "b", second, Ok(())),
            ("a long pause fills the bucket", "a", hour, Ok(())),
            ("the second of the refilled burst", "a", hour, Ok(())),
            ("and no third", "a", hour, Err(second)),
        ];
        for (name, client, after, want) in steps {
            assert_eq!(limiter.allow(client, start + after), want, "{name}");
        }
    }

    #[test]
    fn forgets_full_buckets() {
        let now = Instant::now();
        let limiter = Limiter::new(60, 1);
        for i in 0..MAX_CLIENTS {
            let _ = limiter.allow(&i.to_string(), now);
        }
        let _ = limiter.allow("new", now + Duration::from_secs(60));
        assert_eq!(limiter.buckets.lock().unwrap().len(), 1);
    }

    /// Go's `TestLimiterKeepsAtMostMaxClients`.
    #[test]
    fn keeps_at_most_max_clients() {
        let now = Instant::now();
        let limiter = Limiter::new(60, 1);
        let micros = |i: usize| Duration::from_micros(i as u64);
        // Each client empties its bucket, a microsecond after the one before;
        // none refills within the 10 ms this takes.
        for i in 0..MAX_CLIENTS {
            let _ = limiter.allow(&i.to_string(), now + micros(i));
        }
        // No bucket is full, so the new client takes the place of the oldest.
        let _ = limiter.allow("new", now + micros(MAX_CLIENTS));
        let buckets = limiter.buckets.lock().unwrap();
        assert_eq!(buckets.len(), MAX_CLIENTS, "buckets");
        for (client, kept) in [("0", false), ("1", true), ("new", true)] {
            assert_eq!(
                buckets.contains_key(client),
                kept,
                "bucket of {client} kept"
            );
        }
    }
}
