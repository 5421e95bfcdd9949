//! A fixed number of workers share one queue of jobs; the caller waits for
//! all of them on a `JoinSet`, whose handles carry each worker's results.
//! The Rust side of the worker pool in the "goroutines and tasks" chapter.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// How many steps the Collatz sequence from `n` takes to reach 1: a small,
/// uneven piece of work, so workers finish in no particular order.
pub fn collatz_steps(mut n: u64) -> u64 {
    let mut steps = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}

// ANCHOR: pool
/// Runs `collatz_steps` for every job on `workers` tasks and returns the
/// answers by job.
pub async fn pool(jobs: Vec<u64>, workers: usize) -> HashMap<u64, u64> {
    let (queue, receiver) = mpsc::channel(workers);
    // A tokio receiver has one owner; the workers take turns holding it.
    // tokio's Mutex, because the lock is held across `recv().await`.
    let receiver = Arc::new(Mutex::new(receiver));

    let mut set = JoinSet::new();
    for _ in 0..workers {
        let receiver = Arc::clone(&receiver);
        set.spawn(async move {
            let mut done = Vec::new();
            loop {
                // The guard is a temporary, released at the semicolon: the
                // job runs unlocked, so other workers can take the next one.
                let job = receiver.lock().await.recv().await;
                // None: the queue is closed and empty.
                let Some(n) = job else { break done };
                done.push((n, collatz_steps(n)));
            }
        });
    }

    for n in jobs {
        queue.send(n).await.expect("the workers outlive the queue");
    }
    drop(queue); // closes the queue: each worker's loop ends

    let mut answers = HashMap::new();
    while let Some(done) = set.join_next().await {
        answers.extend(done.expect("a worker panicked"));
    }
    answers
}
// ANCHOR_END: pool

#[tokio::main]
async fn main() {
    let answers = pool((1..=20).collect(), 4).await;
    assert_eq!(answers.len(), 20);
    assert_eq!(answers[&7], 16);
    println!("27 takes {} steps", pool(vec![27], 1).await[&27]);
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_job_is_answered_once() {
        let cases = [
            ("one worker", 1, 50),
            ("more workers than jobs", 8, 3),
            ("no jobs", 4, 0),
            ("many jobs", 4, 1_000),
        ];
        for (case, workers, count) in cases {
            let jobs: Vec<u64> = (1..=count).collect();
            let answers = pool(jobs.clone(), workers).await;
            let want: HashMap<u64, u64> = jobs.iter().map(|&n| (n, collatz_steps(n))).collect();
            assert_eq!(answers, want, "{case}");
        }
    }
}
