//! Stopping a group of workers: a `CancellationToken` plays the part of a
//! cancellable `context.Context`, and a `TaskTracker` that of the
//! `sync.WaitGroup` that waits for them to finish. The Rust side of the
//! "cancellation and context" chapter, beside `token.go`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: worker
/// Handles jobs until the queue closes or `stop` is cancelled, whichever
/// comes first, and returns how many it handled.
pub async fn worker(mut jobs: mpsc::Receiver<u32>, stop: CancellationToken) -> usize {
    let mut handled = 0;
    loop {
        tokio::select! {
            () = stop.cancelled() => return handled,
            job = jobs.recv() => match job {
                Some(_) => handled += 1,
                None => return handled,
            },
        }
    }
}
// ANCHOR_END: worker

// ANCHOR: shutdown
/// Starts `count` workers, then stops them all and waits until every one
/// has returned.
pub async fn start_and_stop(count: usize) {
    let shutdown = CancellationToken::new();
    let tracker = TaskTracker::new();
    let mut queues = Vec::new();
    for _ in 0..count {
        let (queue, jobs) = mpsc::channel(8);
        queues.push(queue); // kept open: only the token can stop the workers
        tracker.spawn(worker(jobs, shutdown.child_token()));
    }
    tracker.close(); // lets `wait` finish at zero; spawning stays possible
    shutdown.cancel();
    tracker.wait().await;
}
// ANCHOR_END: shutdown

#[tokio::main]
async fn main() {
    tokio::time::timeout(Duration::from_secs(5), start_and_stop(4))
        .await
        .expect("every worker stops once the token is cancelled");
    println!("four workers started and stopped");
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
    async fn a_worker_stops_on_cancel_or_when_the_queue_closes() {
        let cases = [("cancelled", true), ("queue closed", false)];
        for (case, cancel) in cases {
            let (queue, jobs) = mpsc::channel(8);
            let stop = CancellationToken::new();
            let handle = tokio::spawn(worker(jobs, stop.clone()));
            queue.send(1).await.unwrap();
            queue.send(2).await.unwrap();
            // Wait until both jobs are taken, so the count is known.
            while queue.capacity() < queue.max_capacity() {
                tokio::task::yield_now().await;
            }
            if cancel {
                stop.cancel();
            } else {
                drop(queue);
            }
            let handled = tokio::time::timeout(Duration::from_secs(5), handle)
                .await
                .expect("the worker stops")
                .unwrap();
            assert_eq!(handled, 2, "{case}");
        }
    }

    // ANCHOR: tree
    #[test]
    fn cancelling_a_parent_cancels_its_children_only_downwards() {
        let parent = CancellationToken::new();
        let child = parent.child_token();
        let grandchild = child.child_token();
        child.cancel();
        assert!(grandchild.is_cancelled() && !parent.is_cancelled());

        let sibling = parent.child_token();
        parent.cancel();
        assert!(sibling.is_cancelled());
    }
    // ANCHOR_END: tree

    // ANCHOR: detach
    #[tokio::test]
    async fn dropping_a_join_handle_does_not_stop_the_task() {
        let (done, mut finished) = mpsc::channel(1);
        let handle = tokio::spawn(async move { done.send("finished").await.unwrap() });
        drop(handle); // detaches; the task runs on
        assert_eq!(finished.recv().await, Some("finished"));

        let handle = tokio::spawn(std::future::pending::<()>());
        handle.abort(); // this does stop it, where it waits
        assert!(handle.await.unwrap_err().is_cancelled());
    }
    // ANCHOR_END: detach
}
