//! CPU-bound work kept off the async runtime: rayon's `par_iter` splits a
//! slice over a pool of one thread per core, and `on_rayon` hands a rayon
//! job's result back to async code through a oneshot channel, so that no
//! tokio worker computes while it waits. The Rust side of "CPU work" in the
//! "goroutines and tasks" chapter, beside `cpuwork.go`.

use std::panic::{self, AssertUnwindSafe};

use rayon::prelude::*;
use tokio::sync::oneshot;

/// How many steps the Collatz sequence takes from `n` down to 1: a small
/// computation whose cost varies from one number to the next.
pub fn steps(mut n: u64) -> u64 {
    let mut count = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        count += 1;
    }
    count
}

/// `total_steps`, one number after another on the calling thread.
pub fn total_steps_sequential(numbers: &[u64]) -> u64 {
    numbers.iter().map(|&n| steps(n)).sum()
}

// ANCHOR: par-iter
/// The steps of every number, added up on rayon's pool: `par_iter` splits
/// the slice into pieces, idle threads steal pieces from busy ones, and
/// `sum` adds the partial sums.
pub fn total_steps(numbers: &[u64]) -> u64 {
    numbers.par_iter().map(|&n| steps(n)).sum()
}
// ANCHOR_END: par-iter

// ANCHOR: on-rayon
/// Runs `work` on rayon's pool and waits for its result without holding a
/// thread: the task is pending on the channel until the job sends.
pub async fn on_rayon<T, F>(work: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (send, result) = oneshot::channel();
    rayon::spawn(move || {
        // Left to rayon, a panic here would abort the process; caught, it
        // is raised again below, in the task that awaits.
        let outcome = panic::catch_unwind(AssertUnwindSafe(work));
        // Err only if the waiting future was dropped: no one wants it.
        let _ = send.send(outcome);
    });
    match result
        .await
        .expect("the job sends whether or not it panics")
    {
        Ok(value) => value,
        Err(payload) => panic::resume_unwind(payload),
    }
}
// ANCHOR_END: on-rayon

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    fn numbers() -> Vec<u64> {
        (1..=100_000).collect()
    }

    // ANCHOR: test-par-iter
    #[test]
    fn par_iter_gives_the_sequential_answer() {
        let numbers = numbers();
        assert_eq!(total_steps(&numbers), total_steps_sequential(&numbers));
        assert_eq!(total_steps(&numbers), 10_753_840);
    }

    #[test]
    fn the_pool_has_a_thread_per_available_cpu() {
        let expected = match std::env::var("RAYON_NUM_THREADS") {
            Ok(n) if n != "0" => n.parse().expect("a number"),
            _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        assert_eq!(rayon::current_num_threads(), expected);
    }
    // ANCHOR_END: test-par-iter

    // ANCHOR: test-on-rayon
    /// On a current-thread runtime, a task counts its turns and, after 100,
    /// tells the rayon job to start. The job can only start if the runtime's
    /// one thread is free while the test awaits it.
    #[tokio::test]
    async fn the_runtime_thread_stays_free_while_rayon_computes() {
        let turns = Arc::new(AtomicU64::new(0));
        let (start, started) = mpsc::channel();
        let counter = tokio::spawn({
            let turns = Arc::clone(&turns);
            async move {
                for _ in 0..100 {
                    turns.fetch_add(1, Ordering::SeqCst);
                    tokio::task::yield_now().await;
                }
                start.send(()).expect("the job waits for it");
            }
        });
        let numbers = numbers();
        let total = on_rayon(move || {
            // The time limit only turns a hang into a failure.
            started.recv_timeout(Duration::from_secs(30)).ok()?;
            Some(total_steps(&numbers))
        })
        .await;
        assert_eq!(total, Some(10_753_840), "the counter never ran");
        assert_eq!(turns.load(Ordering::SeqCst), 100);
        counter.await.unwrap();
    }

    /// Called from the task itself, `total_steps` holds the thread: rayon
    /// blocks the thread that calls it until the pool has finished, so the
    /// counting task does not get a turn.
    #[tokio::test]
    async fn computing_in_the_task_holds_the_thread() {
        let turns = Arc::new(AtomicU64::new(0));
        let counter = tokio::spawn({
            let turns = Arc::clone(&turns);
            async move {
                loop {
                    turns.fetch_add(1, Ordering::SeqCst);
                    tokio::task::yield_now().await;
                }
            }
        });
        tokio::task::yield_now().await; // the counter has run
        let before = turns.load(Ordering::SeqCst);
        let total = total_steps(&numbers());
        assert_eq!(total, 10_753_840);
        assert_eq!(turns.load(Ordering::SeqCst), before, "a turn mid-sum");
        counter.abort();
    }
    // ANCHOR_END: test-on-rayon

    // ANCHOR: test-panic
    #[tokio::test]
    async fn a_panic_on_rayon_reaches_the_task_that_awaits() {
        let task = tokio::spawn(on_rayon(|| -> u64 { panic!("no answer") }));
        let panic = task.await.expect_err("the task panicked").into_panic();
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"no answer"));
    }
    // ANCHOR_END: test-panic
}
