//! A background task nobody stops. Dropping a tokio `JoinHandle` detaches
//! the task: it keeps running until it ends or the runtime shuts down. The
//! "Sharp edges" chapter sets this beside Go's leaked goroutine; the fix in
//! both languages is to give the task an owner that can stop it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::task::JoinSet;

/// Bumps `beats` every 10 ms, forever: the work of a heartbeat.
async fn beat(beats: Arc<AtomicU64>) {
    loop {
        beats.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

// ANCHOR: detached
/// Starts a heartbeat and forgets it. `tokio::spawn` returns a JoinHandle,
/// and dropping it at the end of the statement detaches the task; it does
/// not cancel it.
pub fn start_heartbeat(beats: Arc<AtomicU64>) {
    tokio::spawn(beat(beats));
}
// ANCHOR_END: detached

// ANCHOR: owned
/// Starts a heartbeat owned by `tasks`. Dropping the JoinSet (or calling
/// `shutdown` on it) aborts every task in it: a task that is waiting stops
/// at once, and one that is running stops the next time it yields at an
/// `.await` (one that returns `Pending`), so the heartbeat ends with its
/// owner.
pub fn start_heartbeat_in(tasks: &mut JoinSet<()>, beats: Arc<AtomicU64>) {
    tasks.spawn(beat(beats));
}
// ANCHOR_END: owned

#[tokio::main]
async fn main() {
    let beats = Arc::new(AtomicU64::new(0));
    let mut tasks = JoinSet::new();
    start_heartbeat_in(&mut tasks, Arc::clone(&beats));
    tokio::time::sleep(Duration::from_millis(55)).await;
    tasks.shutdown().await;
    println!("{} beats before shutdown", beats.load(Ordering::Relaxed));
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    // A paused clock: sleeps complete as soon as every task is idle, so the
    // tests take no wall-clock time and cannot be flaky about it.

    #[tokio::test(start_paused = true)]
    async fn a_dropped_handle_leaves_the_task_running() {
        let beats = Arc::new(AtomicU64::new(0));
        start_heartbeat(Arc::clone(&beats)); // returns at once; the handle is gone
        tokio::time::sleep(Duration::from_millis(100)).await;
        let earlier = beats.load(Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(beats.load(Ordering::Relaxed) > earlier, "still beating");
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_the_join_set_stops_the_task() {
        let beats = Arc::new(AtomicU64::new(0));
        let mut tasks = JoinSet::new();
        start_heartbeat_in(&mut tasks, Arc::clone(&beats));
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(beats.load(Ordering::Relaxed) > 0, "it ran while owned");

        drop(tasks);
        tokio::time::sleep(Duration::from_millis(10)).await; // let the abort land
        let stopped = beats.load(Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(
            beats.load(Ordering::Relaxed),
            stopped,
            "no beats after the owner is gone"
        );
    }
}
// ANCHOR_END: tests
