//! The reference solution of the rate-limiter exercise: `go/ratelimit.go`
//! in Rust, on tokio.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::{Instant, sleep_until};

// ANCHOR: limiter
/// A token bucket: up to `burst` tokens, one more every `interval`.
pub struct Limiter {
    interval: Duration,
    burst: u32,
    state: Mutex<State>,
}

struct State {
    tokens: u32,
    last: Instant,
}

impl Limiter {
    pub fn new(interval: Duration, burst: u32) -> Self {
        let burst = burst.max(1);
        let state = State {
            tokens: burst,
            last: Instant::now(),
        };
        Limiter {
            interval,
            burst,
            state: Mutex::new(state),
        }
    }

    /// Takes a token if there is one; `Err` says when the next one comes.
    fn take(&self) -> Result<(), Instant> {
        let mut state = self.state.lock().unwrap();
        let now = Instant::now();
        let earned = (now - state.last).as_nanos() / self.interval.as_nanos();
        let earned = u32::try_from(earned).unwrap_or(u32::MAX);
        if state.tokens.saturating_add(earned) >= self.burst {
            state.tokens = self.burst;
            state.last = now;
        } else {
            state.tokens += earned;
            state.last += self.interval * earned;
        }
        if state.tokens == 0 {
            return Err(state.last + self.interval);
        }
        state.tokens -= 1;
        Ok(())
    }

    pub fn allow(&self) -> bool {
        self.take().is_ok()
    }

    /// Sleeps until the next token and tries again: a wait dropped while it
    /// sleeps has taken nothing.
    pub async fn wait(&self) {
        while let Err(next) = self.take() {
            sleep_until(next).await;
        }
    }
}
// ANCHOR_END: limiter
