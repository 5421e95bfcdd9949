//! A token bucket per client, for `POST /links`: Go's `limit.go`.

use std::time::{Duration, Instant};

// ANCHOR: limiter
/// Each client's bucket holds up to `burst` tokens and refills at `rate`
/// per minute (continuously, not a whole token at a time); a request takes
/// one token. Add the fields you need; `allow` takes `&self`, as every
/// request shares one limiter.
#[derive(Debug)]
pub struct Limiter {}

impl Limiter {
    /// A limiter whose buckets start full.
    pub fn new(per_minute: u32, burst: u32) -> Limiter {
        todo!()
    }

    /// Takes a token from `client`'s bucket at `now`: `Ok(())`. When the
    /// bucket holds less than one token, takes nothing and returns how long
    /// until it holds one. `now` is an argument so that a test can pass
    /// any time it likes.
    pub fn allow(&self, client: &str, now: Instant) -> Result<(), Duration> {
        todo!()
    }
}
// ANCHOR_END: limiter
