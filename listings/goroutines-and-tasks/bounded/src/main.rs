//! Many jobs, at most a few at a time: a `Semaphore` whose owned permits
//! the tasks hold, a `JoinSet` that is never allowed to grow past the limit,
//! and `buffer_unordered` on one task; then the first error cancelling the
//! rest, with a `JoinSet` and with `try_join!`. The Rust side of "bounding
//! concurrency" in the "goroutines and tasks" chapter, beside `bounded.go`.

use std::future::Future;
use std::sync::Arc;

use futures_util::stream::{self, StreamExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

// ANCHOR: semaphore
/// Runs `work` on every job, at most `limit` at a time. A task holds its
/// permit until it ends; the loop waits for a permit before each spawn.
pub async fn run<F, Fut>(jobs: Vec<u64>, limit: usize, work: F) -> Vec<u64>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = u64> + Send + 'static,
{
    let slots = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::with_capacity(jobs.len());
    for job in jobs {
        let permit = Arc::clone(&slots)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let job = work(job);
        handles.push(tokio::spawn(async move {
            let answer = job.await;
            drop(permit);
            answer
        }));
    }
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("a job panicked"));
    }
    out
}
// ANCHOR_END: semaphore

// ANCHOR: joinset
/// The same with a `JoinSet` that holds at most `limit` tasks: when it is
/// full, one must end before the next starts. Answers come back in the
/// order the jobs finish.
pub async fn run_in_set<F, Fut>(jobs: Vec<u64>, limit: usize, work: F) -> Vec<u64>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = u64> + Send + 'static,
{
    let mut set = JoinSet::new();
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        if set.len() == limit {
            let done = set.join_next().await.expect("the set is full");
            out.push(done.expect("a job panicked"));
        }
        set.spawn(work(job));
    }
    while let Some(done) = set.join_next().await {
        out.push(done.expect("a job panicked"));
    }
    out
}
// ANCHOR_END: joinset

// ANCHOR: stream
/// The same on the calling task, with nothing spawned: `buffer_unordered`
/// polls at most `limit` of the futures at once, concurrently but not in
/// parallel.
pub async fn run_on_one_task<F, Fut>(jobs: Vec<u64>, limit: usize, work: F) -> Vec<u64>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = u64>,
{
    stream::iter(jobs)
        .map(work)
        .buffer_unordered(limit)
        .collect()
        .await
}
// ANCHOR_END: stream

// ANCHOR: first-error
/// Runs `work` on every job, at most `limit` at a time, and returns the
/// first error. Returning drops the set, and dropping a `JoinSet` aborts
/// every task still in it.
pub async fn run_all<F, Fut>(jobs: Vec<u64>, limit: usize, work: F) -> Result<(), String>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let mut set = JoinSet::new();
    for job in jobs {
        if set.len() == limit {
            set.join_next()
                .await
                .expect("the set is full")
                .expect("a job panicked")?;
        }
        set.spawn(work(job));
    }
    while let Some(done) = set.join_next().await {
        done.expect("a job panicked")?;
    }
    Ok(())
}
// ANCHOR_END: first-error

// ANCHOR: try-join
/// Two different jobs, side by side on this task. `try_join!` returns the
/// first error and drops the other future where it waits.
pub async fn both<A, B>(a: A, b: B) -> Result<(u64, u64), String>
where
    A: Future<Output = Result<u64, String>>,
    B: Future<Output = Result<u64, String>>,
{
    tokio::try_join!(a, b)
}
// ANCHOR_END: try-join

#[tokio::main]
async fn main() {
    let square = |n: u64| async move { n * n };
    assert_eq!(run(vec![1, 2, 3], 2, square).await, [1, 4, 9]);
    let mut in_set = run_in_set(vec![1, 2, 3], 2, square).await;
    in_set.sort();
    assert_eq!(in_set, [1, 4, 9]);
    let mut on_one_task = run_on_one_task(vec![1, 2, 3], 2, square).await;
    on_one_task.sort();
    assert_eq!(on_one_task, [1, 4, 9]);
    let fail_on_two = |n: u64| async move {
        if n == 2 {
            Err(format!("job {n} failed"))
        } else {
            Ok(())
        }
    };
    assert_eq!(
        run_all(vec![1, 2, 3], 2, fail_on_two).await,
        Err("job 2 failed".to_owned())
    );
    println!("at most a few at a time, and the first error stops the rest");
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use tokio::time::{Instant, sleep};

    use super::*;

    /// Counts the jobs in flight and remembers the most at once.
    #[derive(Default)]
    struct Gauge {
        now: AtomicUsize,
        max: AtomicUsize,
    }

    impl Gauge {
        /// A job that squares `n` after 10 ms, counted while it runs.
        fn job(self: &Arc<Self>, n: u64) -> impl Future<Output = u64> + Send + 'static {
            let gauge = Arc::clone(self);
            async move {
                let now = gauge.now.fetch_add(1, Ordering::SeqCst) + 1;
                gauge.max.fetch_max(now, Ordering::SeqCst);
                sleep(Duration::from_millis(10)).await;
                gauge.now.fetch_sub(1, Ordering::SeqCst);
                n * n
            }
        }
    }

    const CASES: [(&str, u64, usize, usize); 3] = [
        ("one at a time", 5, 1, 1),
        ("three at a time", 10, 3, 3),
        ("limit above the jobs", 2, 8, 2),
    ];

    fn squares(jobs: u64) -> Vec<u64> {
        (0..jobs).map(|n| n * n).collect()
    }

    /// On the paused clock every job is inside its sleep before time moves,
    /// so the most at once is exact.
    #[tokio::test(start_paused = true)]
    async fn each_way_never_exceeds_the_limit() {
        for (name, jobs, limit, want_max) in CASES {
            let gauge = Arc::new(Gauge::default());
            let got = run((0..jobs).collect(), limit, |n| gauge.job(n)).await;
            assert_eq!(got, squares(jobs), "{name}: semaphore");
            assert_eq!(
                gauge.max.load(Ordering::SeqCst),
                want_max,
                "{name}: semaphore"
            );

            let gauge = Arc::new(Gauge::default());
            let mut got = run_in_set((0..jobs).collect(), limit, |n| gauge.job(n)).await;
            got.sort();
            assert_eq!(got, squares(jobs), "{name}: JoinSet");
            assert_eq!(
                gauge.max.load(Ordering::SeqCst),
                want_max,
                "{name}: JoinSet"
            );

            let gauge = Arc::new(Gauge::default());
            let mut got = run_on_one_task((0..jobs).collect(), limit, |n| gauge.job(n)).await;
            got.sort();
            assert_eq!(got, squares(jobs), "{name}: buffer_unordered");
            assert_eq!(
                gauge.max.load(Ordering::SeqCst),
                want_max,
                "{name}: buffer_unordered"
            );
        }
    }

    /// Job 2 fails after 1 ms; the others would take an hour. `run_all`
    /// returns at 1 ms on the paused clock, jobs 4 and 5 never start, and
    /// the aborted jobs never finish, however long the clock then runs.
    #[tokio::test(start_paused = true)]
    async fn the_first_error_aborts_the_rest() {
        let started = Arc::new(AtomicUsize::new(0));
        let finished = Arc::new(AtomicUsize::new(0));
        let work = |job: u64| {
            let (started, finished) = (Arc::clone(&started), Arc::clone(&finished));
            async move {
                started.fetch_add(1, Ordering::SeqCst);
                if job == 2 {
                    sleep(Duration::from_millis(1)).await;
                    return Err(format!("job {job} failed"));
                }
                sleep(Duration::from_secs(3600)).await;
                finished.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        };
        let begin = Instant::now();
        let result = run_all(vec![1, 2, 3, 4, 5], 3, work).await;
        assert_eq!(result, Err("job 2 failed".to_owned()));
        assert_eq!(begin.elapsed(), Duration::from_millis(1));
        sleep(Duration::from_secs(2 * 3600)).await;
        assert_eq!(
            started.load(Ordering::SeqCst),
            3,
            "jobs 4 and 5 never start"
        );
        assert_eq!(
            finished.load(Ordering::SeqCst),
            0,
            "the aborted jobs never finish"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_returns_the_first_error_and_drops_the_other() {
        let fast_failure = async {
            sleep(Duration::from_millis(1)).await;
            Err::<u64, _>("a failed".to_owned())
        };
        let slow = async {
            sleep(Duration::from_secs(3600)).await;
            Ok(1)
        };
        let begin = Instant::now();
        assert_eq!(both(fast_failure, slow).await, Err("a failed".to_owned()));
        assert_eq!(begin.elapsed(), Duration::from_millis(1));

        let ok = both(async { Ok(1) }, async { Ok(2) }).await;
        assert_eq!(ok, Ok((1, 2)));
    }
}
