//! The parallel-map exercise's tests, case for case the Go tests of
//! `go/parallelmap_test.go` under the same names. Your port (`start/`) and
//! the reference solution (`solution/`) both run this file: `cargo xtask
//! exercise parallel-map` runs it against yours.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

use parallel_map::{ItemError, map};

fn ten_times(x: &usize) -> Result<usize, String> {
    Ok(x * 10)
}

#[test]
fn results_keep_input_order() {
    let items: Vec<usize> = (0..50).collect();
    let want: Vec<usize> = (0..50).map(|i| i * 10).collect();
    assert_eq!(map(&items, 4, ten_times), Ok(want), "map(0..50, 4, x*10)");
}

#[test]
fn empty_input_gives_empty_result() {
    let called = AtomicBool::new(false);
    let got = map(&[] as &[usize], 4, |&x| {
        called.store(true, Ordering::Relaxed);
        Ok::<_, String>(x)
    });
    assert_eq!(got, Ok(vec![]), "map([], 4, f)");
    assert!(!called.load(Ordering::Relaxed), "map([], 4, f) called f");
}

#[test]
fn zero_workers_means_one() {
    assert_eq!(
        map(&[1, 2, 3], 0, ten_times),
        Ok(vec![10, 20, 30]),
        "map([1, 2, 3], 0, x*10)"
    );
}

#[test]
fn never_more_than_workers_at_once() {
    let running = AtomicUsize::new(0);
    let most = AtomicUsize::new(0);
    let got = map(&[0; 30], 3, |&x| {
        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(now, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(1));
        running.fetch_sub(1, Ordering::SeqCst);
        Ok::<_, String>(x)
    });
    assert!(got.is_ok(), "map(30 items, 3 workers) = {got:?}");
    let most = most.load(Ordering::SeqCst);
    assert!(
        most <= 3,
        "map(30 items, 3 workers): {most} ran at once; want at most 3"
    );
}

#[test]
fn all_workers_run_at_once() {
    // Each call waits until all four have started: with fewer than four
    // running at once, the calls give up after five seconds.
    let arrived = Mutex::new(0);
    let all_there = Condvar::new();
    let got = map(&[0; 4], 4, |_| {
        let mut count = arrived.lock().unwrap();
        *count += 1;
        all_there.notify_all();
        let (count, _) = all_there
            .wait_timeout_while(count, Duration::from_secs(5), |count| *count < 4)
            .unwrap();
        Ok::<_, String>(*count == 4)
    });
    assert_eq!(
        got,
        Ok(vec![true; 4]),
        "map(4 items, 4 workers): whether each call saw all four running"
    );
}

#[test]
fn earliest_error_wins_and_every_item_runs() {
    let calls = AtomicUsize::new(0);
    let items: Vec<usize> = (0..10).collect();
    let got = map(&items, 3, |&x| {
        calls.fetch_add(1, Ordering::SeqCst);
        if x == 7 || x == 3 {
            Err(format!("bad {x}"))
        } else {
            Ok(x)
        }
    });
    assert_eq!(
        got,
        Err(ItemError {
            index: 3,
            error: "bad 3".to_owned()
        }),
        "map(0..10, 3, fail on 3 and 7)"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 10, "calls of f");
}

#[test]
fn error_message_names_the_item() {
    let error = ItemError {
        index: 2,
        error: "disk full",
    };
    assert_eq!(
        error.to_string(),
        "item 2: disk full",
        "ItemError {{ index: 2, error: \"disk full\" }}.to_string()"
    );
}
