//! The bounded queue and the fixed pool of workers that empties it.
//!
//! A client's job is recorded as `queued`, then handed to the workers over a
//! bounded channel. Handing it over never waits: when the channel is full the
//! job is refused on the spot, and the client is told to come back later.
//! Closing the queue lets the workers finish every job that was accepted,
//! and then they stop.
//!
//! The channel is `tokio::sync::mpsc`. A Go channel has as many receivers
//! as there are goroutines ranging over it; a tokio `Receiver` is one value
//! that cannot be cloned. So one task owns it and runs what it receives, at
//! most `workers` jobs at a time: the next job leaves the channel only when
//! one of those places is free, so a full channel means exactly `capacity`
//! jobs are waiting, as with Go's buffered channel.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::{StreamExt, stream};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::mpsc::{self, error::TrySendError};
use tokio_util::task::TaskTracker;

use crate::jobs::Spec;

/// A job on its way to a worker.
#[derive(Debug)]
pub struct Job {
    pub id: u64,
    pub spec: Spec,
}

/// Where a job is in its life; serialized as `"status": "queued"` and so on,
/// with the result or the error beside it once there is one.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Status {
    Queued,
    Running,
    Done { result: Value },
    Failed { error: String },
}

/// What `GET /jobs/{id}` shows.
#[derive(Clone, Debug, Serialize)]
pub struct JobView {
    pub id: u64,
    pub kind: &'static str,
    #[serde(flatten)]
    pub status: Status,
}

/// Why a job was not accepted.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SubmitError {
    #[error("the queue is full ({0} jobs waiting); retry later")]
    Full(usize),
    #[error("the server is shutting down and accepts no new jobs")]
    Closed,
}

/// The counters `GET /metrics` shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub queue_depth: usize,
    pub queue_capacity: usize,
    pub accepted: u64,
    pub rejected: u64,
    pub completed: u64,
    pub failed: u64,
}

// ANCHOR: queue
/// The queue: the sending half of the channel, and what is known about
/// every accepted job.
pub struct Queue {
    /// `None` once the queue is closed: dropping the last sender is how the
    /// workers learn that no more jobs will come.
    sender: Mutex<Option<mpsc::Sender<Job>>>,
    capacity: usize,
    jobs: Mutex<Jobs>,
    next_id: AtomicU64,
    accepted: AtomicU64,
    rejected: AtomicU64,
    completed: AtomicU64,
    failed: AtomicU64,
}
// ANCHOR_END: queue

/// How many finished jobs are remembered; older ones are forgotten (and
/// answer 404), so a long-running server does not grow without bound.
pub const KEEP_FINISHED: usize = 10_000;

/// Every job that is queued or running, and the latest finished ones.
#[derive(Default)]
struct Jobs {
    views: HashMap<u64, JobView>,
    /// Finished jobs' ids, oldest first.
    finished: VecDeque<u64>,
    keep_finished: usize,
}

impl Queue {
    /// A queue holding at most `capacity` waiting jobs, with at most
    /// `workers` more running. Wait on the tracker after [`Queue::close`] to
    /// drain.
    pub fn start(capacity: usize, workers: usize) -> (Arc<Queue>, TaskTracker) {
        Queue::start_keeping(capacity, workers, KEEP_FINISHED)
    }

    /// [`Queue::start`], remembering `keep_finished` finished jobs.
    pub fn start_keeping(
        capacity: usize,
        workers: usize,
        keep_finished: usize,
    ) -> (Arc<Queue>, TaskTracker) {
        let (sender, receiver) = mpsc::channel(capacity);
        let queue = Arc::new(Queue {
            sender: Mutex::new(Some(sender)),
            capacity,
            jobs: Mutex::new(Jobs {
                keep_finished,
                ..Jobs::default()
            }),
            next_id: AtomicU64::new(1),
            accepted: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            completed: AtomicU64::new(0),
            failed: AtomicU64::new(0),
        });
        let tracker = TaskTracker::new();
        tracker.spawn(dispatch(Arc::clone(&queue), receiver, workers));
        tracker.close();
        (queue, tracker)
    }

    // ANCHOR: submit
    /// Accepts a job if there is room, without ever waiting for room.
    pub fn submit(&self, spec: Spec) -> Result<u64, SubmitError> {
        let sender = self.sender.lock().unwrap();
        let Some(sender) = sender.as_ref() else {
            return Err(SubmitError::Closed);
        };
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let kind = spec.kind();
        // Recorded before it is sent, so a worker always finds it.
        self.set(id, kind, Status::Queued);
        match sender.try_send(Job { id, spec }) {
            Ok(()) => {
                self.accepted.fetch_add(1, Ordering::Relaxed);
                Ok(id)
            }
            Err(TrySendError::Full(_)) => {
                self.forget(id);
                self.rejected.fetch_add(1, Ordering::Relaxed);
                Err(SubmitError::Full(self.capacity))
            }
            Err(TrySendError::Closed(_)) => {
                self.forget(id);
                Err(SubmitError::Closed)
            }
        }
    }
    // ANCHOR_END: submit

    /// Stops accepting jobs; those already queued still run.
    pub fn close(&self) {
        self.sender.lock().unwrap().take();
    }

    /// Whether [`Queue::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.sender.lock().unwrap().is_none()
    }

    /// What is known about job `id`, if it was accepted.
    pub fn status(&self, id: u64) -> Option<JobView> {
        self.jobs.lock().unwrap().views.get(&id).cloned()
    }

    pub fn stats(&self) -> Stats {
        let queue_depth = match self.sender.lock().unwrap().as_ref() {
            Some(sender) => sender.max_capacity() - sender.capacity(),
            None => 0,
        };
        Stats {
            queue_depth,
            queue_capacity: self.capacity,
            accepted: self.accepted.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            completed: self.completed.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
        }
    }

    fn set(&self, id: u64, kind: &'static str, status: Status) {
        let view = JobView { id, kind, status };
        self.jobs.lock().unwrap().views.insert(id, view);
    }

    fn update(&self, id: u64, status: Status) {
        let finished = matches!(status, Status::Done { .. } | Status::Failed { .. });
        let mut jobs = self.jobs.lock().unwrap();
        if let Some(view) = jobs.views.get_mut(&id) {
            view.status = status;
        }
        if finished {
            jobs.finished.push_back(id);
            while jobs.finished.len() > jobs.keep_finished {
                let oldest = jobs.finished.pop_front().expect("longer than the limit");
                jobs.views.remove(&oldest);
            }
        }
    }

    fn forget(&self, id: u64) {
        self.jobs.lock().unwrap().views.remove(&id);
    }
}

// ANCHOR: work
/// Runs the jobs in the channel, at most `workers` at once; stops when the
/// queue is closed and empty.
async fn dispatch(queue: Arc<Queue>, mut receiver: mpsc::Receiver<Job>, workers: usize) {
    stream::poll_fn(|cx| receiver.poll_recv(cx))
        .for_each_concurrent(workers, |job| queue.run(job))
        .await;
}

impl Queue {
    /// Runs one job and records how it ended.
    async fn run(&self, Job { id, spec }: Job) {
        self.update(id, Status::Running);
        let status = match spec.run().await {
            Ok(result) => {
                self.completed.fetch_add(1, Ordering::Relaxed);
                Status::Done { result }
            }
            Err(e) => {
                self.failed.fetch_add(1, Ordering::Relaxed);
                Status::Failed {
                    error: e.to_string(),
                }
            }
        };
        self.update(id, status);
    }
}
// ANCHOR_END: work

#[cfg(test)]
mod tests {
    use super::*;

    fn sleep(ms: u64) -> Spec {
        Spec::Sleep { ms }
    }

    /// Waits (without letting paused time move) until job `id` runs.
    async fn until_running(queue: &Queue, id: u64) {
        while queue.status(id).unwrap().status != Status::Running {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(start_paused = true)]
    async fn refuses_at_once_when_full() {
        let (queue, _workers) = Queue::start(2, 1);
        let busy = queue.submit(sleep(1_000)).unwrap();
        until_running(&queue, busy).await;
        assert_eq!(queue.submit(sleep(1)), Ok(2));
        assert_eq!(queue.submit(sleep(1)), Ok(3));
        assert_eq!(queue.submit(sleep(1)), Err(SubmitError::Full(2)));
        assert!(queue.status(4).is_none(), "a refused job leaves no trace");
        let stats = queue.stats();
        assert_eq!(
            (stats.queue_depth, stats.accepted, stats.rejected),
            (2, 3, 1)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn runs_no_more_jobs_at_once_than_it_has_workers() {
        let (queue, _workers) = Queue::start(4, 2);
        let ids: Vec<u64> = (0..3)
            .map(|_| queue.submit(sleep(1_000)).unwrap())
            .collect();
        until_running(&queue, ids[0]).await;
        until_running(&queue, ids[1]).await;
        assert_eq!(queue.status(ids[2]).unwrap().status, Status::Queued);
        assert_eq!(
            queue.stats().queue_depth,
            1,
            "the third job waits in the channel"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn close_refuses_new_jobs_and_drains_queued_ones() {
        let (queue, workers) = Queue::start(4, 1);
        let ids: Vec<u64> = (0..3).map(|_| queue.submit(sleep(10)).unwrap()).collect();
        queue.close();
        assert_eq!(queue.submit(sleep(1)), Err(SubmitError::Closed));
        workers.wait().await;
        for id in ids {
            let status = queue.status(id).unwrap().status;
            assert_eq!(
                status,
                Status::Done {
                    result: serde_json::json!({"slept_ms": 10})
                }
            );
        }
        assert_eq!(queue.stats().completed, 3);
    }

    #[tokio::test(start_paused = true)]
    async fn forgets_the_oldest_finished_jobs() {
        let (queue, workers) = Queue::start_keeping(8, 1, 2);
        let ids: Vec<u64> = (0..4).map(|_| queue.submit(sleep(1)).unwrap()).collect();
        queue.close();
        workers.wait().await;
        let remembered: Vec<bool> = ids.iter().map(|&id| queue.status(id).is_some()).collect();
        assert_eq!(remembered, [false, false, true, true]);
    }
}
