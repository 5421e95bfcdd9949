//! The rate-limiter exercise: port `../go/ratelimit.go` to Rust here, on
//! tokio.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise rate-limiter`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters and fields yet; delete
// this line once they all do (the compiler says so).
#![expect(unused_variables, dead_code, reason = "the exercise's todo!() bodies")]

use std::sync::Mutex;
use std::time::Duration;

// The tests run on tokio's paused clock, which moves `tokio::time::Instant`
// and tokio's timers, never `std::time::Instant`: use these.
use tokio::time::Instant;

// ANCHOR: limiter
/// Go's `Limiter`: holds up to `burst` tokens and gains one every
/// `interval`; `allow` and `wait` each take one. Go's mutex guards `tokens`
/// and `last`; here the mutex holds them.
pub struct Limiter {
    interval: Duration,
    burst: u32,
    state: Mutex<State>,
}

/// What the mutex guards.
struct State {
    tokens: u32,
    /// When the tokens were last counted.
    last: Instant,
}

impl Limiter {
    /// Go's `New`: a full bucket, `burst` tokens (at least one), and one
    /// more every `interval`.
    pub fn new(interval: Duration, burst: u32) -> Self {
        todo!()
    }

    /// Go's `Allow`: takes a token if there is one, and says whether it did.
    /// First count the tokens earned since `last`, up to `burst`, keeping
    /// the time of a token not yet whole for the next count (Go's
    /// `refill`).
    pub fn allow(&self) -> bool {
        todo!()
    }

    /// Go's `Wait`: takes a token, waiting until there is one. Go's `ctx`
    /// has no counterpart: a caller gives up by dropping the future (with
    /// `tokio::time::timeout` or `select!`), and a wait dropped before it
    /// returns must not have taken a token.
    pub async fn wait(&self) {
        todo!()
    }
}
// ANCHOR_END: limiter
