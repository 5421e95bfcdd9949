//! A loop that handles jobs and, once, takes the settings when they have
//! loaded. The loading future is pinned outside the loop so that every
//! `select!` polls the same one; once it has finished it must not be polled
//! again, and an `if` guard or `fuse` sees to that.

use std::future::Future;
use std::pin::pin;

use futures_util::FutureExt;
use tokio::sync::mpsc;

/// What the loader produces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub limit: u32,
}

// ANCHOR: guarded
/// Handles jobs until the queue closes, noting for each the limit in force:
/// 0 until the settings have loaded. The guard switches the loading branch
/// off once it has produced its value.
pub async fn serve(
    mut jobs: mpsc::Receiver<u32>,
    load: impl Future<Output = Settings>,
) -> Vec<(u32, u32)> {
    let mut load = pin!(load);
    let mut settings = None;
    let mut done = Vec::new();
    loop {
        tokio::select! {
            loaded = &mut load, if settings.is_none() => settings = Some(loaded),
            job = jobs.recv() => match job {
                Some(job) => done.push((job, settings.map_or(0, |s: Settings| s.limit))),
                None => return done,
            },
        }
    }
}
// ANCHOR_END: guarded

// ANCHOR: fused
/// The same with `fuse`: a fused future that has finished stays pending
/// for ever instead of being polled again, so no guard is needed.
pub async fn serve_fused(
    mut jobs: mpsc::Receiver<u32>,
    load: impl Future<Output = Settings>,
) -> Vec<(u32, u32)> {
    let mut load = pin!(load.fuse());
    let mut settings = None;
    let mut done = Vec::new();
    loop {
        tokio::select! {
            loaded = &mut load => settings = Some(loaded),
            job = jobs.recv() => match job {
                Some(job) => done.push((job, settings.map_or(0, |s: Settings| s.limit))),
                None => return done,
            },
        }
    }
}
// ANCHOR_END: fused

// ANCHOR: option
/// The same with the future in an `Option`, set to `None` once it has
/// finished, which also drops whatever the future held.
pub async fn serve_optional(
    mut jobs: mpsc::Receiver<u32>,
    load: impl Future<Output = Settings>,
) -> Vec<(u32, u32)> {
    let mut load = Some(pin!(load));
    let mut settings = None;
    let mut done = Vec::new();
    loop {
        tokio::select! {
            loaded = async { load.as_mut().expect("the guard saw it").await }, if load.is_some() => {
                settings = Some(loaded);
                load = None;
            }
            job = jobs.recv() => match job {
                Some(job) => done.push((job, settings.map_or(0, |s: Settings| s.limit))),
                None => return done,
            },
        }
    }
}
// ANCHOR_END: option

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    async fn load_now() -> Settings {
        Settings { limit: 10 }
    }

    /// Runs `serve` as a task whose settings are ready at once, and queues
    /// two jobs only once it waits: each loop then goes round four times
    /// (settings, job 1, job 2, closed), and only the first may take the
    /// settings.
    async fn run<F, Fut>(serve: F) -> Vec<(u32, u32)>
    where
        F: FnOnce(mpsc::Receiver<u32>) -> Fut,
        Fut: Future<Output = Vec<(u32, u32)>> + Send + 'static,
    {
        let (send, jobs) = mpsc::channel(2);
        let task = tokio::spawn(serve(jobs));
        // On the paused clock this sleep ends once the task waits for jobs.
        tokio::time::sleep(Duration::from_millis(1)).await;
        send.send(1).await.unwrap();
        send.send(2).await.unwrap();
        drop(send);
        task.await.expect("serve panicked")
    }

    #[tokio::test(start_paused = true)]
    async fn a_guard_keeps_the_finished_loader_from_being_polled() {
        let done = run(|jobs| serve(jobs, load_now())).await;
        assert_eq!(done, [(1, 10), (2, 10)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_fused_loader_stays_pending_once_done() {
        let done = run(|jobs| serve_fused(jobs, load_now())).await;
        assert_eq!(done, [(1, 10), (2, 10)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_loader_in_an_option_is_dropped_once_done() {
        let done = run(|jobs| serve_optional(jobs, load_now())).await;
        assert_eq!(done, [(1, 10), (2, 10)]);
    }

    // ANCHOR: again
    #[tokio::test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    async fn polling_a_finished_future_again_panics() {
        let (send, mut jobs) = mpsc::channel(2);
        send.send(1).await.unwrap();
        send.send(2).await.unwrap();
        let mut load = pin!(load_now());
        for _round in 0..2 {
            tokio::select! {
                biased;
                // Ready in the first round; polled again in the second.
                _ = &mut load => {}
                _ = jobs.recv() => {}
            }
        }
    }
    // ANCHOR_END: again
}
