//! Tasks that keep their thread. A task gives its thread back only when a
//! future it awaits returns `Pending`; an `.await` on something ready goes
//! straight on. tokio's own resources return `Pending` now and then when a
//! task has used up its budget, and `yield_now` returns it once on purpose.

use std::future::ready;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;

/// Counts how often it has been run: a task that yields after each count.
pub async fn tick(ticks: Arc<AtomicU64>) {
    loop {
        ticks.fetch_add(1, Ordering::SeqCst);
        tokio::task::yield_now().await;
    }
}

// ANCHOR: hogs
/// Awaits `rounds` futures that are ready at once: every `.await` goes
/// straight on, and the task never gives its thread back.
pub async fn await_ready(rounds: u64) -> u64 {
    let mut sum = 0;
    for n in 0..rounds {
        sum += ready(n).await;
    }
    sum
}

/// Receives `rounds` values that are all queued already. `recv` is ready
/// every time, but it counts against the task's budget, and once the budget
/// is spent it returns `Pending` and lets other tasks run.
pub async fn drain(values: &mut mpsc::UnboundedReceiver<u64>, rounds: u64) -> u64 {
    let mut sum = 0;
    for _ in 0..rounds {
        sum += values.recv().await.expect("all values are queued");
    }
    sum
}

/// `await_ready`, giving the thread back every `every` rounds.
pub async fn await_ready_politely(rounds: u64, every: u64) -> u64 {
    let mut sum = 0;
    for n in 0..rounds {
        sum += ready(n).await;
        if n % every == every - 1 {
            tokio::task::yield_now().await;
        }
    }
    sum
}
// ANCHOR_END: hogs

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;
    use std::sync::atomic::AtomicBool;

    const ROUNDS: u64 = 10_000;

    /// Runs `work` on a current-thread runtime beside a ticking task, and
    /// returns how often the ticker ran while `work` was running.
    async fn ticks_during<F: Future<Output = u64>>(work: F) -> u64 {
        let ticks = Arc::new(AtomicU64::new(0));
        let ticker = tokio::spawn(tick(Arc::clone(&ticks)));
        tokio::task::yield_now().await; // the ticker has run once
        let before = ticks.load(Ordering::SeqCst);
        work.await;
        let during = ticks.load(Ordering::SeqCst) - before;
        ticker.abort();
        during
    }

    // ANCHOR: test-current
    #[tokio::test]
    async fn a_task_that_awaits_only_ready_futures_never_lets_another_run() {
        assert_eq!(ticks_during(await_ready(ROUNDS)).await, 0);
    }

    #[tokio::test]
    async fn tokio_resources_spend_a_budget_and_then_yield() {
        let (send, mut values) = mpsc::unbounded_channel();
        for n in 0..ROUNDS {
            send.send(n).unwrap();
        }
        // The budget is 128 operations: 10,000 receives yield 78 times.
        assert_eq!(ticks_during(drain(&mut values, ROUNDS)).await, ROUNDS / 128);
    }

    #[tokio::test]
    async fn yield_now_gives_the_thread_back() {
        let during = ticks_during(await_ready_politely(ROUNDS, 100)).await;
        assert_eq!(during, ROUNDS / 100);
    }
    // ANCHOR_END: test-current

    // ANCHOR: test-workers
    /// Two workers, two tasks that compute without an `.await`: a third
    /// task, spawned while they run, waits until one of them ends.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_hogs_hold_both_workers() {
        let both_running = Arc::new(Barrier::new(3));
        let both_done = Arc::new(Barrier::new(2));
        let ticker_ran = Arc::new(AtomicBool::new(false));
        let hogs: Vec<_> = (0..2)
            .map(|_| {
                let both_running = Arc::clone(&both_running);
                let both_done = Arc::clone(&both_done);
                let ticker_ran = Arc::clone(&ticker_ran);
                tokio::spawn(async move {
                    both_running.wait(); // holds this worker, blocking
                    let mut seen = false;
                    for _ in 0..ROUNDS * 100 {
                        seen |= ticker_ran.load(Ordering::SeqCst);
                        std::hint::spin_loop();
                    }
                    both_done.wait(); // the first one done still holds its worker
                    seen
                })
            })
            .collect();
        both_running.wait(); // both hogs are on a worker now
        let ticker = tokio::spawn({
            let ticker_ran = Arc::clone(&ticker_ran);
            async move { ticker_ran.store(true, Ordering::SeqCst) }
        });
        for hog in hogs {
            assert!(!hog.await.unwrap(), "the ticker ran while both hogs did");
        }
        ticker.await.unwrap();
        assert!(ticker_ran.load(Ordering::SeqCst));
    }
    // ANCHOR_END: test-workers

    // ANCHOR: block-in-place
    #[tokio::test]
    #[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
    async fn block_in_place_needs_the_multi_threaded_runtime() {
        tokio::task::block_in_place(|| std::thread::sleep(std::time::Duration::ZERO));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn block_in_place_hands_the_worker_to_another_thread() {
        let outer = tokio::spawn(async {
            let gate = crate::gate::Gate::default();
            let waiter = tokio::spawn(gate.passed());
            // This task blocks the one worker thread, yet the waiter runs:
            // block_in_place has handed the worker's queue to a new thread.
            // (The time limit only turns a hang into a failure.)
            tokio::task::block_in_place(|| {
                gate.open();
                let limit = std::time::Instant::now() + std::time::Duration::from_secs(10);
                while !waiter.is_finished() {
                    assert!(std::time::Instant::now() < limit, "the waiter never ran");
                    std::thread::yield_now();
                }
            });
        });
        outer.await.unwrap();
    }
    // ANCHOR_END: block-in-place

    // ANCHOR: test-default
    #[test]
    fn the_default_runtime_has_a_worker_per_available_cpu() {
        let expected = match std::env::var("TOKIO_WORKER_THREADS") {
            Ok(n) => n.parse().expect("a number"),
            Err(_) => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let runtime = tokio::runtime::Runtime::new().unwrap();
        assert_eq!(runtime.metrics().num_workers(), expected);
    }
    // ANCHOR_END: test-default
}
