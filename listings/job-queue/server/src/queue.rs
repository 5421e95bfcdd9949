//! The bounded queue and the fixed pool of workers that empties it.
//!
//! A client's job is recorded as `queued`, then handed to the workers over a
//! bounded channel. Handing it over never waits: when the channel is full the
//! job is refused on the spot, and the client is told to come back later.
//! Closing the queue lets the workers finish every job that was accepted,
//! and then they stop.
//!
//! The channel is flume's: like a Go channel, and unlike a tokio `mpsc`
//! one, its receiver can be cloned, so each of the `workers` tasks waits on
//! the channel itself, as each goroutine of the Go twin ranges over it.

use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flume::TrySendError;
use futures_util::FutureExt;
use serde::Serialize;
use serde_json::Value;
use tokio::time::Instant;
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
/// The queue. One lock guards everything that must agree: the sending half
/// of the channel, the job table and the counters. So at every moment
/// another thread can see, `accepted` is `completed + failed` plus the jobs
/// in the table that are queued or running.
pub struct Queue {
    capacity: usize,
    state: Mutex<State>,
}

struct State {
    /// `None` once the queue is closed: dropping the last sender is how the
    /// workers learn that no more jobs will come.
    sender: Option<flume::Sender<Job>>,
    next_id: u64,
    jobs: Jobs,
    accepted: u64,
    rejected: u64,
    completed: u64,
    failed: u64,
}
// ANCHOR_END: queue

// ANCHOR: retention
/// How much the queue remembers of finished jobs. The oldest are forgotten
/// (and answer 404) while there are more than `count`, while their results
/// and errors add up to more than `bytes`, or once they finished longer than
/// `age` ago; the newest finished job is kept whatever its size.
#[derive(Clone, Debug, PartialEq)]
pub struct Retention {
    pub count: usize,
    pub bytes: usize,
    pub age: Duration,
}
// ANCHOR_END: retention

impl Default for Retention {
    fn default() -> Retention {
        Retention {
            count: 10_000,
            bytes: 16 * 1024 * 1024,
            age: Duration::from_secs(60 * 60),
        }
    }
}

/// A finished job's place in the table: when it finished, and its size.
struct Finished {
    id: u64,
    at: Instant,
    bytes: usize,
}

/// Every job that is queued or running, and the latest finished ones.
struct Jobs {
    views: HashMap<u64, JobView>,
    /// Finished jobs, oldest first.
    finished: VecDeque<Finished>,
    /// The sum of `finished[..].bytes`.
    finished_bytes: usize,
    retention: Retention,
}

impl Jobs {
    /// Forgets the oldest finished jobs while the table is over its limits.
    fn evict(&mut self, now: Instant) {
        while let Some(oldest) = self.finished.front() {
            let too_many = self.finished.len() > self.retention.count;
            let too_big = self.finished_bytes > self.retention.bytes && self.finished.len() > 1;
            let too_old = now.duration_since(oldest.at) > self.retention.age;
            if !(too_many || too_big || too_old) {
                break;
            }
            self.finished_bytes -= oldest.bytes;
            self.views.remove(&oldest.id);
            self.finished.pop_front();
        }
    }
}

/// What a finished job holds: its error, or its result as JSON.
fn size(status: &Status) -> usize {
    match status {
        Status::Done { result } => result.to_string().len(),
        Status::Failed { error } => error.len(),
        Status::Queued | Status::Running => 0,
    }
}

impl Queue {
    /// A queue holding at most `capacity` waiting jobs, with `workers`
    /// tasks running jobs beside it. Wait on the tracker after
    /// [`Queue::close`] to drain.
    pub fn start(
        capacity: usize,
        workers: usize,
        retention: Retention,
    ) -> (Arc<Queue>, TaskTracker) {
        let (sender, receiver) = flume::bounded(capacity);
        let queue = Arc::new(Queue {
            capacity,
            state: Mutex::new(State {
                sender: Some(sender),
                next_id: 1,
                jobs: Jobs {
                    views: HashMap::new(),
                    finished: VecDeque::new(),
                    finished_bytes: 0,
                    retention,
                },
                accepted: 0,
                rejected: 0,
                completed: 0,
                failed: 0,
            }),
        });
        let tracker = TaskTracker::new();
        for _ in 0..workers {
            tracker.spawn(work(Arc::clone(&queue), receiver.clone()));
        }
        tracker.close();
        (queue, tracker)
    }

    // ANCHOR: submit
    /// Accepts a job if there is room, without ever waiting for room.
    pub fn submit(&self, spec: Spec) -> Result<u64, SubmitError> {
        let mut state = self.state.lock().unwrap();
        let state = &mut *state;
        let Some(sender) = &state.sender else {
            return Err(SubmitError::Closed);
        };
        let id = state.next_id;
        state.next_id += 1;
        let kind = spec.kind();
        // A worker that takes the job at once waits for the lock we hold,
        // so the job's entry is in the table before any worker looks.
        match sender.try_send(Job { id, spec }) {
            Ok(()) => {
                let status = Status::Queued;
                state.jobs.views.insert(id, JobView { id, kind, status });
                state.accepted += 1;
                Ok(id)
            }
            Err(TrySendError::Full(_)) => {
                state.rejected += 1;
                Err(SubmitError::Full(self.capacity))
            }
            Err(TrySendError::Disconnected(_)) => Err(SubmitError::Closed),
        }
    }
    // ANCHOR_END: submit

    /// Stops accepting jobs; those already queued still run.
    pub fn close(&self) {
        self.state.lock().unwrap().sender.take();
    }

    /// Whether [`Queue::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.state.lock().unwrap().sender.is_none()
    }

    /// What is known about job `id`, if it was accepted.
    pub fn status(&self, id: u64) -> Option<JobView> {
        let mut state = self.state.lock().unwrap();
        state.jobs.evict(Instant::now());
        state.jobs.views.get(&id).cloned()
    }

    pub fn stats(&self) -> Stats {
        let state = self.state.lock().unwrap();
        Stats {
            queue_depth: state.sender.as_ref().map_or(0, flume::Sender::len),
            queue_capacity: self.capacity,
            accepted: state.accepted,
            rejected: state.rejected,
            completed: state.completed,
            failed: state.failed,
        }
    }

    /// Records a job's new status, and counts it once it has finished.
    fn update(&self, id: u64, status: Status) {
        let bytes = size(&status);
        let mut state = self.state.lock().unwrap();
        let finished = match status {
            Status::Queued | Status::Running => false,
            Status::Done { .. } => {
                state.completed += 1;
                true
            }
            Status::Failed { .. } => {
                state.failed += 1;
                true
            }
        };
        let jobs = &mut state.jobs;
        if let Some(view) = jobs.views.get_mut(&id) {
            view.status = status;
        }
        if finished {
            let at = Instant::now();
            jobs.finished.push_back(Finished { id, at, bytes });
            jobs.finished_bytes += bytes;
            jobs.evict(at);
        }
    }
}

// ANCHOR: work
/// One worker: takes the next job, runs it, records how it ended; stops when
/// the queue is closed and empty.
async fn work(queue: Arc<Queue>, receiver: flume::Receiver<Job>) {
    while let Ok(job) = receiver.recv_async().await {
        queue.run(job).await;
    }
}

impl Queue {
    /// Runs one job and records how it ended. A job that panics fails with
    /// the panic's message, and the worker goes on to the next job, as a Go
    /// worker does with `recover`.
    async fn run(&self, Job { id, spec }: Job) {
        self.update(id, Status::Running);
        let outcome = AssertUnwindSafe(spec.run()).catch_unwind().await;
        let status = match outcome {
            Ok(Ok(result)) => Status::Done { result },
            Ok(Err(e)) => Status::Failed {
                error: e.to_string(),
            },
            Err(panic) => Status::Failed {
                error: format!("the job panicked: {}", panic_message(&*panic)),
            },
        };
        self.update(id, status);
    }
}
// ANCHOR_END: work

/// The text of a panic: `panic!` makes a `&str` or a `String`.
fn panic_message(panic: &(dyn Any + Send)) -> &str {
    match panic.downcast_ref::<&str>() {
        Some(message) => message,
        None => panic
            .downcast_ref::<String>()
            .map_or("(not a string)", String::as_str),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sleep(ms: u64) -> Spec {
        Spec::Sleep { ms }
    }

    fn start(capacity: usize, workers: usize) -> (Arc<Queue>, TaskTracker) {
        Queue::start(capacity, workers, Retention::default())
    }

    /// Waits (without letting paused time move) until job `id` runs.
    async fn until_running(queue: &Queue, id: u64) {
        while queue.status(id).unwrap().status != Status::Running {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(start_paused = true)]
    async fn refuses_at_once_when_full() {
        let (queue, _workers) = start(2, 1);
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
        let (queue, _workers) = start(4, 2);
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
        let (queue, workers) = start(4, 1);
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
    async fn a_panicking_job_fails_alone() {
        let (queue, workers) = start(4, 1);
        let bad = queue
            .submit(Spec::Panic {
                message: "boom".into(),
            })
            .unwrap();
        let good = queue.submit(sleep(1)).unwrap();
        queue.close();
        workers.wait().await;
        let failed = Status::Failed {
            error: "the job panicked: boom".into(),
        };
        assert_eq!(queue.status(bad).unwrap().status, failed);
        let done = Status::Done {
            result: serde_json::json!({"slept_ms": 1}),
        };
        assert_eq!(queue.status(good).unwrap().status, done);
    }

    /// Runs `specs` one at a time on a queue keeping what `retention` says,
    /// `pause` apart; returns which of them are still remembered.
    async fn remembered(retention: Retention, specs: Vec<Spec>, pause: Duration) -> Vec<bool> {
        let (queue, workers) = Queue::start(8, 1, retention);
        let mut ids = Vec::new();
        for spec in specs {
            ids.push(queue.submit(spec).unwrap());
            tokio::time::sleep(pause).await;
        }
        queue.close();
        workers.wait().await;
        ids.iter().map(|&id| queue.status(id).is_some()).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn forgets_the_oldest_finished_jobs() {
        let fail = |n: usize| Spec::Fail {
            message: "x".repeat(n),
        };
        let limit = |count, bytes, ms| Retention {
            count,
            bytes,
            age: Duration::from_millis(ms),
        };
        let tick = Duration::from_secs(1);
        let cases = [
            (
                "by count",
                limit(2, 1_000, 3_600_000),
                vec![sleep(1), sleep(1), sleep(1), sleep(1)],
                [false, false, true, true],
            ),
            (
                "by bytes",
                limit(100, 1_000, 3_600_000),
                vec![fail(400), fail(400), fail(400), fail(300)],
                [false, false, true, true],
            ),
            (
                "the newest, however big",
                limit(100, 1_000, 3_600_000),
                vec![fail(10), fail(10), fail(10), fail(5_000)],
                [false, false, false, true],
            ),
            (
                "by age",
                limit(100, 1_000, 1_500),
                vec![sleep(1), sleep(1), sleep(1), sleep(1)],
                [false, false, false, true],
            ),
        ];
        for (name, retention, specs, want) in cases {
            assert_eq!(remembered(retention, specs, tick).await, want, "{name}");
        }
    }
}
