//! Runs the same work on an OS thread, on a tokio task and on tokio's
//! blocking pool, and shows what a panic in a task turns into: the Rust side
//! of the "goroutines and tasks" chapter, beside `main.go`.

use std::thread;

use tokio::runtime::Runtime;
use tokio::task;

// ANCHOR: work
/// Adds up the squares of 1..=n: plain CPU work, with no `.await` in it.
pub fn sum_squares(n: u64) -> u64 {
    (1..=n).map(|i| i * i).sum()
}
// ANCHOR_END: work

// ANCHOR: main
fn main() {
    // The runtime is a library value, built and entered by hand here;
    // `#[tokio::main]` writes these two lines for you.
    let runtime = Runtime::new().expect("the runtime starts");
    runtime.block_on(run());
}
// ANCHOR_END: main

async fn run() {
    // ANCHOR: thread
    let handle = thread::spawn(|| sum_squares(1_000));
    let from_thread = handle.join().expect("the thread panicked");
    // ANCHOR_END: thread

    // ANCHOR: task
    let handle = tokio::spawn(async { sum_squares(1_000) });
    let from_task = handle.await.expect("the task panicked");
    // ANCHOR_END: task

    // ANCHOR: blocking
    // A long computation would hold a worker thread for its whole run; the
    // blocking pool has threads to spare for that.
    let handle = task::spawn_blocking(|| sum_squares(1_000_000));
    let big = handle.await.expect("the blocking task panicked");
    // ANCHOR_END: blocking

    // ANCHOR: join
    // Two futures driven at once inside this one task: no spawn, no 'static.
    let (small, medium) = tokio::join!(async { sum_squares(10) }, async { sum_squares(100) });
    // ANCHOR_END: join

    assert_eq!(from_thread, 333_833_500);
    assert_eq!(from_task, from_thread);
    assert_eq!(big, 333_333_833_333_500_000);
    assert_eq!((small, medium), (385, 338_350));

    // ANCHOR: panic
    let handle = tokio::spawn(async {
        let empty: Vec<u64> = Vec::new();
        empty[0] // panics: index out of bounds
    });
    let error = handle.await.expect_err("the task panicked");
    assert!(error.is_panic());
    // The program goes on; only the panicking task is gone.
    // ANCHOR_END: panic
    println!("all four ways agree: {from_thread}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `main` walks through the chapter's example with assertions; the book
    /// runs it too, and this keeps `cargo test` covering it.
    #[test]
    fn the_walkthrough_in_main_holds() {
        main();
    }

    #[tokio::test]
    async fn threads_tasks_and_blocking_tasks_agree() {
        let cases = [
            ("nothing", 0, 0),
            ("one", 1, 1),
            ("three", 3, 14),
            ("ten", 10, 385),
        ];
        for (case, n, want) in cases {
            let on_thread = thread::spawn(move || sum_squares(n)).join().unwrap();
            let on_task = tokio::spawn(async move { sum_squares(n) }).await.unwrap();
            let on_pool = task::spawn_blocking(move || sum_squares(n)).await.unwrap();
            assert_eq!((on_thread, on_task, on_pool), (want, want, want), "{case}");
        }
    }

    #[tokio::test]
    async fn a_panicking_task_is_an_error_for_whoever_awaits_it() {
        let handle = tokio::spawn(async { panic!("worker failed") });
        let error = handle.await.unwrap_err();
        assert!(error.is_panic());
        // The runtime still runs other tasks afterwards.
        assert_eq!(tokio::spawn(async { 1 + 1 }).await.unwrap(), 2);
    }
}
