//! The single-flight exercise's tests, case for case the Go tests of
//! `go/singleflight_test.go` under the same names. Your port (`start/`) and
//! the reference solution (`solution/`) both run this file: `cargo xtask
//! exercise single-flight` runs it against yours.
//!
//! Each runs on tokio's paused clock (`start_paused`), which jumps ahead
//! whenever every task waits on a timer, as the clock of Go's synctest
//! bubble does: a one-second call takes no time and every elapsed time is
//! exact. `tokio::join!` runs the callers at once, as Go's goroutines.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use single_flight::Group;
use tokio::time::{Instant, sleep};

/// Takes a second, counts its calls in `calls`, and returns `value` and the
/// count.
async fn slow(calls: &AtomicU32, value: &str) -> String {
    sleep(Duration::from_secs(1)).await;
    format!("{value}{}", calls.fetch_add(1, Ordering::SeqCst) + 1)
}

#[tokio::test(start_paused = true)]
async fn one_caller_gets_the_value() {
    let group = Group::new();
    let calls = AtomicU32::new(0);
    assert_eq!(
        group.run("a", || slow(&calls, "a")).await,
        "a1",
        r#"run("a")"#
    );
}

#[tokio::test(start_paused = true)]
async fn concurrent_callers_share_one_call() {
    let group = Group::new();
    let calls = AtomicU32::new(0);
    let start = Instant::now();
    let got = tokio::join!(
        group.run("a", || slow(&calls, "a")),
        group.run("a", || slow(&calls, "a")),
        group.run("a", || slow(&calls, "a")),
    );
    assert_eq!(
        ([got.0, got.1, got.2], calls.load(Ordering::SeqCst)),
        (["a1", "a1", "a1"].map(String::from), 1),
        "three callers' values, and the calls made"
    );
    assert_eq!(start.elapsed(), Duration::from_secs(1), "time taken");
}

#[tokio::test(start_paused = true)]
async fn a_caller_arriving_during_the_call_shares_it() {
    let group = Group::new();
    let calls = AtomicU32::new(0);
    let start = Instant::now();
    let got = tokio::join!(group.run("a", || slow(&calls, "a")), async {
        sleep(Duration::from_millis(500)).await;
        group.run("a", || slow(&calls, "a")).await
    });
    assert_eq!(
        ([got.0, got.1], calls.load(Ordering::SeqCst)),
        (["a1", "a1"].map(String::from), 1),
        "the two callers' values, and the calls made"
    );
    assert_eq!(start.elapsed(), Duration::from_secs(1), "time taken");
}

#[tokio::test(start_paused = true)]
async fn different_keys_run_at_once() {
    let group = Group::new();
    let (a_calls, b_calls) = (AtomicU32::new(0), AtomicU32::new(0));
    let start = Instant::now();
    let got = tokio::join!(
        group.run("a", || slow(&a_calls, "a")),
        group.run("b", || slow(&b_calls, "b")),
    );
    assert_eq!(got, ("a1".to_owned(), "b1".to_owned()), "values of a and b");
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "time taken (the two keys' calls one after the other?)"
    );
}

#[tokio::test(start_paused = true)]
async fn a_later_call_runs_again() {
    let group = Group::new();
    let calls = AtomicU32::new(0);
    let first = group.run("a", || slow(&calls, "a")).await;
    let second = group.run("a", || slow(&calls, "a")).await;
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("a1", "a2"),
        r#"two run("a") one after the other"#
    );
}

/// Takes a second and panics.
async fn fails() -> String {
    sleep(Duration::from_secs(1)).await;
    panic!("the call fails")
}

#[tokio::test(start_paused = true)]
async fn a_panicking_call_lets_a_waiter_run() {
    let group = Arc::new(Group::new());
    let calls = AtomicU32::new(0);
    let start = Instant::now();
    // Spawned, so that its panic ends that task only, as Go's recover does.
    let failing = tokio::spawn({
        let group = Arc::clone(&group);
        async move { group.run("a", fails).await }
    });
    let (failed, got) = tokio::join!(failing, async {
        sleep(Duration::from_millis(500)).await;
        group.run("a", || slow(&calls, "a")).await
    });
    assert!(
        failed.is_err_and(|e| e.is_panic()),
        "the panic reaches the caller whose future panicked"
    );
    assert_eq!(got, "a1", "the waiter's value, from its own future");
    assert_eq!(start.elapsed(), Duration::from_secs(2), "time taken");
}
