//! A blocking call inside async code. An `async fn` that blocks its thread
//! (a `std::sync` receive, `std::thread::sleep`, a synchronous database or
//! file call) keeps every other task on that thread from running. On a
//! `current_thread` runtime, the flavour `#[tokio::test]` uses by default,
//! that is every other task. The "Sharp edges" chapter shows it as a
//! deadlock that a timeout turns into an error, and the fix,
//! `spawn_blocking`.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Blocks the calling thread until `signal` fires or `patience` runs out.
fn wait_for_signal(signal: mpsc::Receiver<()>, patience: Duration) -> Result<(), RecvTimeoutError> {
    signal.recv_timeout(patience)
}

// ANCHOR: inline
/// Spawns a task that sends a signal, then blocks this task's thread
/// waiting for it. The spawned task needs a thread of the runtime to run,
/// and on a current_thread runtime this call is holding the only one.
pub async fn wait_inline(patience: Duration) -> Result<(), RecvTimeoutError> {
    let (tx, rx) = mpsc::channel();
    tokio::spawn(async move { tx.send(()).ok() });
    wait_for_signal(rx, patience) // blocks: no .await, no chance to yield
}
// ANCHOR_END: inline

// ANCHOR: offloaded
/// The same wait, moved to tokio's pool of blocking threads. The `.await`
/// yields this task's thread, so the spawned task runs and sends.
pub async fn wait_offloaded(patience: Duration) -> Result<(), RecvTimeoutError> {
    let (tx, rx) = mpsc::channel();
    tokio::spawn(async move { tx.send(()).ok() });
    tokio::task::spawn_blocking(move || wait_for_signal(rx, patience))
        .await
        .expect("the blocking closure does not panic")
}
// ANCHOR_END: offloaded

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let patience = Duration::from_millis(200);
    println!("inline: {:?}", wait_inline(patience).await);
    println!("offloaded: {:?}", wait_offloaded(patience).await);
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test] // a current_thread runtime, like every #[tokio::test]
    async fn a_blocking_wait_starves_the_other_task() {
        // However long it waits, the sender cannot run: the timeout is only
        // there to end the test.
        let result = wait_inline(Duration::from_millis(200)).await;
        assert_eq!(result, Err(RecvTimeoutError::Timeout));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_second_worker_does_not_take_the_task_it_spawned() {
        // Run as a task on a worker: the sender it spawns waits in that
        // worker's LIFO slot, which the other worker does not steal.
        let waiting = tokio::spawn(wait_inline(Duration::from_millis(200)));
        let result = waiting.await.expect("wait_inline does not panic");
        assert_eq!(result, Err(RecvTimeoutError::Timeout));
    }

    #[tokio::test]
    async fn spawn_blocking_lets_the_other_task_run() {
        // Generous patience: the signal comes as soon as the sender is polled.
        let result = wait_offloaded(Duration::from_secs(10)).await;
        assert_eq!(result, Ok(()));
    }
}
// ANCHOR_END: tests
