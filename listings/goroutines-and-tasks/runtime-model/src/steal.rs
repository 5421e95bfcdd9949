//! Work stealing, shown rather than stated: tasks spawned by a task go to
//! its worker's own queue, and while that worker is held busy, another
//! worker takes them from it. Only the last one spawned, in the worker's
//! LIFO slot, stays where it is.

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    const TASKS: usize = 10;

    // ANCHOR: test-steal
    /// One task spawns ten and then holds its worker, blocking, until nine
    /// of them have run. They can run only if the other worker steals them.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_idle_worker_steals_from_a_busy_one() {
        let (ran, runs) = mpsc::channel::<(usize, ThreadId)>();
        let spawner = tokio::spawn(async move {
            for n in 0..TASKS {
                let ran = ran.clone();
                // Err only after a failure, when no one is listening.
                tokio::spawn(async move { _ = ran.send((n, thread::current().id())) });
            }
            // Blocks this worker; the time limit only turns a hang into a failure.
            let stolen: Vec<_> = (1..TASKS)
                .map(|_| runs.recv_timeout(Duration::from_secs(30)))
                .collect::<Result<_, _>>()
                .expect("no other worker took the tasks");
            (thread::current().id(), stolen, runs)
        });
        let (busy, stolen, runs) = spawner.await.unwrap();
        let mut which: Vec<_> = stolen.iter().map(|&(n, _)| n).collect();
        which.sort();
        assert_eq!(
            which,
            (0..TASKS - 1).collect::<Vec<_>>(),
            "all but the last spawned"
        );
        assert!(
            stolen.iter().all(|&(_, thread)| thread != busy),
            "ran on the busy worker"
        );
        // The last one, in the busy worker's LIFO slot, runs once it is free.
        let (last, _) = runs.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(last, TASKS - 1);
    }
    // ANCHOR_END: test-steal
}
