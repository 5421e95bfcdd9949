//! Go's `select` in tokio: waiting on a channel or a timer, merging two
//! channels until both are closed, and the non-blocking `default:` case as
//! `try_send`. The Rust side of the `select` section of the "channels and
//! select" chapter, beside `select.go`.

use std::time::Duration;

use tokio::sync::mpsc::{self, error::TrySendError};

/// Why `recv_timeout` returned without a message.
#[derive(Debug, PartialEq, Eq)]
pub enum RecvError {
    Timeout,
    Closed,
}

// ANCHOR: timeout
/// Waits up to `limit` for the next message.
pub async fn recv_timeout<T>(
    messages: &mut mpsc::Receiver<T>,
    limit: Duration,
) -> Result<T, RecvError> {
    tokio::select! {
        message = messages.recv() => message.ok_or(RecvError::Closed),
        () = tokio::time::sleep(limit) => Err(RecvError::Timeout),
    }
}
// ANCHOR_END: timeout

// ANCHOR: merge
/// Collects every message of both channels, in arrival order, until both
/// are closed.
pub async fn merge(mut a: mpsc::Receiver<String>, mut b: mpsc::Receiver<String>) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        tokio::select! {
            // A branch whose pattern fails to match (None: closed) is
            // disabled for the rest of this select; Go sets the channel to nil.
            Some(m) = a.recv() => out.push(m),
            Some(m) = b.recv() => out.push(m),
            else => break, // every branch is disabled: both are closed
        }
    }
    out
}
// ANCHOR_END: merge

// ANCHOR: default
/// Queues `job` if there is room, and hands it back if not, without waiting:
/// the `default:` case of Go's select.
pub fn submit(queue: &mpsc::Sender<String>, job: String) -> Result<(), String> {
    queue.try_send(job).map_err(|e| match e {
        TrySendError::Full(job) | TrySendError::Closed(job) => job,
    })
}
// ANCHOR_END: default

// ANCHOR: drain
/// Takes every message that is already waiting, without waiting for more.
pub fn drain(messages: &mut mpsc::Receiver<String>) -> Vec<String> {
    let mut ready = Vec::new();
    // Err means Empty (nothing waiting now) or Disconnected (nothing ever).
    while let Ok(m) = messages.try_recv() {
        ready.push(m);
    }
    ready
}
// ANCHOR_END: drain

#[tokio::main]
async fn main() {
    let (queue, mut jobs) = mpsc::channel(1);
    assert_eq!(submit(&queue, "first".into()), Ok(()));
    assert_eq!(submit(&queue, "second".into()), Err("second".into()));
    let got = recv_timeout(&mut jobs, Duration::from_secs(5)).await;
    assert_eq!(got, Ok("first".to_owned()));
    println!("the queue took one job and refused the next");
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
    async fn recv_timeout_tells_the_three_outcomes_apart() {
        let (sender, mut messages) = mpsc::channel(1);
        sender.send(7).await.unwrap();
        let long = Duration::from_secs(5); // only reached if the test is broken
        assert_eq!(recv_timeout(&mut messages, long).await, Ok(7));
        // Nothing is ever sent now, so the timer must win.
        let short = Duration::from_millis(10);
        assert_eq!(
            recv_timeout(&mut messages, short).await,
            Err(RecvError::Timeout)
        );
        drop(sender);
        assert_eq!(
            recv_timeout(&mut messages, long).await,
            Err(RecvError::Closed)
        );
    }

    #[tokio::test]
    async fn merge_keeps_every_message_of_both() {
        let cases: [(&str, &[&str], &[&str]); 3] = [
            ("both empty", &[], &[]),
            ("one side only", &["a1", "a2"], &[]),
            ("both sides", &["a1", "a2", "a3"], &["b1"]),
        ];
        for (case, from_a, from_b) in cases {
            let (a_tx, a) = mpsc::channel(8);
            let (b_tx, b) = mpsc::channel(8);
            for m in from_a {
                a_tx.send(m.to_string()).await.unwrap();
            }
            for m in from_b {
                b_tx.send(m.to_string()).await.unwrap();
            }
            drop((a_tx, b_tx));
            let mut got = merge(a, b).await;
            got.sort();
            let mut want: Vec<String> =
                from_a.iter().chain(from_b).map(|m| m.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "{case}");
        }
    }

    #[tokio::test]
    async fn drain_takes_what_is_waiting_and_returns() {
        let (queue, mut jobs) = mpsc::channel(4);
        assert!(drain(&mut jobs).is_empty(), "nothing sent yet");
        for job in ["a", "b"] {
            queue.send(job.to_owned()).await.unwrap();
        }
        assert_eq!(drain(&mut jobs), ["a", "b"]);
        assert!(drain(&mut jobs).is_empty(), "the sender is open but silent");
    }

    #[tokio::test]
    async fn submit_refuses_when_full_or_closed() {
        let (queue, jobs) = mpsc::channel(2);
        assert_eq!(submit(&queue, "1".into()), Ok(()));
        assert_eq!(submit(&queue, "2".into()), Ok(()));
        assert_eq!(submit(&queue, "3".into()), Err("3".into()), "full");
        drop(jobs);
        assert_eq!(submit(&queue, "4".into()), Err("4".into()), "closed");
    }
}
