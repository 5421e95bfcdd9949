//! The rate-limiter exercise's tests, case for case the Go tests of
//! `go/ratelimit_test.go` under the same names. Your port (`start/`) and
//! the reference solution (`solution/`) both run this file: `cargo xtask
//! exercise rate-limiter` runs it against yours.
//!
//! Each runs on tokio's paused clock (`start_paused`), which jumps ahead
//! whenever every task waits on a timer, as the clock of Go's synctest
//! bubble does: `sleep` takes no time and every elapsed time is exact.

use std::time::Duration;

use rate_limiter::Limiter;
use tokio::time::{Instant, sleep, timeout};

const INTERVAL: Duration = Duration::from_millis(100);

/// Calls `allow` `n` times; how many it allowed.
fn allowed(limiter: &Limiter, n: usize) -> usize {
    (0..n).filter(|_| limiter.allow()).count()
}

#[tokio::test(start_paused = true)]
async fn a_full_bucket_allows_a_burst() {
    let limiter = Limiter::new(INTERVAL, 3);
    assert_eq!(
        allowed(&limiter, 5),
        3,
        "calls of 5 a new limiter of burst 3 allowed"
    );
}

#[tokio::test(start_paused = true)]
async fn tokens_come_back_one_per_interval() {
    let limiter = Limiter::new(INTERVAL, 3);
    allowed(&limiter, 3);
    sleep(INTERVAL).await;
    assert_eq!(
        allowed(&limiter, 3),
        1,
        "calls of 3 allowed one interval after emptying"
    );
    sleep(INTERVAL + INTERVAL / 2).await;
    assert_eq!(
        allowed(&limiter, 3),
        1,
        "calls of 3 allowed 1.5 intervals later"
    );
    sleep(INTERVAL / 2).await;
    assert_eq!(
        allowed(&limiter, 3),
        1,
        "calls of 3 allowed half an interval later (the half kept)"
    );
}

#[tokio::test(start_paused = true)]
async fn the_bucket_holds_at_most_burst_tokens() {
    let limiter = Limiter::new(INTERVAL, 2);
    sleep(INTERVAL * 10).await;
    assert_eq!(
        allowed(&limiter, 5),
        2,
        "calls of 5 allowed after ten idle intervals"
    );
}

#[tokio::test(start_paused = true)]
async fn wait_returns_when_a_token_comes() {
    let limiter = Limiter::new(INTERVAL, 1);
    limiter.allow();
    let start = Instant::now();
    limiter.wait().await;
    assert_eq!(
        start.elapsed(),
        INTERVAL,
        "time a wait on an empty bucket took"
    );
}

#[tokio::test(start_paused = true)]
async fn waiters_are_spaced_by_the_interval() {
    let limiter = Limiter::new(INTERVAL, 1);
    limiter.allow();
    let start = Instant::now();
    tokio::join!(limiter.wait(), limiter.wait(), limiter.wait());
    assert_eq!(
        start.elapsed(),
        INTERVAL * 3,
        "time three waiters on an empty bucket took"
    );
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_wait_takes_no_token() {
    let limiter = Limiter::new(INTERVAL, 1);
    limiter.allow();
    // Go's context.WithTimeout: the wait is dropped when the time is up.
    let waited = timeout(INTERVAL / 2, limiter.wait()).await;
    assert!(
        waited.is_err(),
        "a wait with a deadline before the next token returned in time"
    );
    sleep(INTERVAL / 2).await;
    assert!(
        limiter.allow(),
        "one interval after emptying, allow refused: the cancelled wait took the token"
    );
}
