//! A job offered to a full queue for a limited time. `send` in a `select!`
//! branch takes the job with it when another branch wins; `reserve` waits
//! for room without taking the job, so the caller still has it.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::sleep;

/// A job, compared by its number in the tests.
#[derive(Debug, PartialEq)]
pub struct Job(pub u32);

// ANCHOR: send-lost
/// Offers `job` to the queue for `patience`. If the time runs out first,
/// `select!` drops the `send` future, and the job inside it.
pub async fn offer(queue: &mpsc::Sender<Job>, job: Job, patience: Duration) -> bool {
    tokio::select! {
        sent = queue.send(job) => sent.is_ok(),
        () = sleep(patience) => false,
    }
}
// ANCHOR_END: send-lost

// ANCHOR: send-kept
/// The same, but the job goes into the queue only once a slot is reserved,
/// and comes back to the caller when none is.
pub async fn offer_kept(
    queue: &mpsc::Sender<Job>,
    job: Job,
    patience: Duration,
) -> Result<(), Job> {
    tokio::select! {
        slot = queue.reserve() => match slot {
            Ok(slot) => {
                slot.send(job);
                Ok(())
            }
            Err(_closed) => Err(job),
        },
        () = sleep(patience) => Err(job),
    }
}
// ANCHOR_END: send-kept

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_secs(1);

    /// The queue holds one job and job 1 fills it, so job 2 waits a second
    /// and is given up.
    #[tokio::test(start_paused = true)]
    async fn a_send_that_loses_the_select_loses_the_job() {
        let (queue, mut jobs) = mpsc::channel(1);
        assert!(offer(&queue, Job(1), PATIENCE).await);
        assert!(!offer(&queue, Job(2), PATIENCE).await);
        drop(queue);
        let mut left = Vec::new();
        while let Some(job) = jobs.recv().await {
            left.push(job);
        }
        assert_eq!(left, [Job(1)], "job 2 is nowhere: not queued, not returned");
    }

    #[tokio::test(start_paused = true)]
    async fn reserve_gives_the_job_back_to_try_again() {
        let (queue, mut jobs) = mpsc::channel(1);
        assert_eq!(offer_kept(&queue, Job(1), PATIENCE).await, Ok(()));
        let back = offer_kept(&queue, Job(2), PATIENCE).await;
        assert_eq!(back, Err(Job(2)), "the caller has job 2 again");

        assert_eq!(jobs.recv().await, Some(Job(1)));
        assert_eq!(
            offer_kept(&queue, back.unwrap_err(), PATIENCE).await,
            Ok(())
        );
        assert_eq!(jobs.recv().await, Some(Job(2)));
    }
}
