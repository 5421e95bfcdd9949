//! Two tests that pass only together: each says it has arrived and waits for
//! the other. `cargo test` runs a binary's tests on a pool of threads, so
//! they meet; with `--test-threads=1` they run one after the other, and the
//! first waits in vain.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

// ANCHOR: meet
static ARRIVED: Mutex<u32> = Mutex::new(0);
static ALL_HERE: Condvar = Condvar::new();

/// Counts this test in, then waits (at most ten seconds) until both are in.
fn meet_the_other_test() {
    let mut arrived = ARRIVED.lock().unwrap();
    *arrived += 1;
    ALL_HERE.notify_all();
    let timed_out = ALL_HERE
        .wait_timeout_while(arrived, Duration::from_secs(10), |arrived| *arrived < 2)
        .unwrap()
        .1
        .timed_out();
    assert!(
        !timed_out,
        "the other test never came: run one at a time (--test-threads=1)?"
    );
}

#[test]
fn one_of_two_tests_that_meet() {
    meet_the_other_test();
}

#[test]
fn the_other_of_two_tests_that_meet() {
    meet_the_other_test();
}
// ANCHOR_END: meet
