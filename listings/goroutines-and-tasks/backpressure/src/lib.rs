//! A producer faster than its consumer, over an unbounded channel and over
//! a bounded one: the first queues everything it is given, the second makes
//! the producer wait for the consumer. The Go side, backpressure.go, has
//! only the second kind, since every Go channel has a fixed buffer.

use tokio::sync::mpsc;

/// The size of one message. Each is a buffer of its own, so every message
/// sent and not yet received keeps this much memory in use.
pub const MESSAGE_BYTES: usize = 1024;

// ANCHOR: unbounded
/// Sends `n` messages into an unbounded channel. No send ever waits, so
/// the producer finishes at once however slow the receiver is, and every
/// message not yet received waits in the channel's queue.
pub fn produce_unbounded(tx: &mpsc::UnboundedSender<Vec<u8>>, n: usize) {
    for _ in 0..n {
        // An error means the receiver is gone: nobody wants the rest.
        if tx.send(vec![0; MESSAGE_BYTES]).is_err() {
            return;
        }
    }
}
// ANCHOR_END: unbounded

// ANCHOR: bounded
/// Sends `n` messages into a bounded channel. Once its buffer is full,
/// `send` waits until the receiver takes a message: the producer goes at
/// the receiver's pace, and the queue never holds more than the buffer.
pub async fn produce_bounded(tx: mpsc::Sender<Vec<u8>>, n: usize) {
    for _ in 0..n {
        if tx.send(vec![0; MESSAGE_BYTES]).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: bounded

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    // ANCHOR: tests
    #[tokio::test]
    async fn an_unbounded_queue_grows_with_whatever_is_sent() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        // The receiver is busy elsewhere: it takes nothing meanwhile.
        for (round, queued) in [(1, 10_000), (2, 20_000), (3, 30_000)] {
            produce_unbounded(&tx, 10_000);
            assert_eq!(rx.len(), queued, "after round {round}");
        }
        // Nothing was lost, and nothing was refused: all of it waits.
        drop(tx);
        let mut received = 0;
        while rx.recv().await.is_some() {
            received += 1;
        }
        assert_eq!(received, 30_000);
    }

    #[tokio::test(start_paused = true)]
    async fn a_bounded_channel_holds_the_producer_back() {
        let (tx, mut rx) = mpsc::channel(64);
        let producer = tokio::spawn(produce_bounded(tx, 30_000));
        // On the paused clock this sleep ends once every task waits: the
        // producer, on a full buffer.
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(rx.len(), 64, "the buffer is full");
        assert!(!producer.is_finished(), "the producer waits for room");
        // Nor does it ever get further ahead: it cannot have finished
        // while more than 64 messages are still to come.
        let mut received = 0;
        while let Some(message) = rx.recv().await {
            assert_eq!(message.len(), MESSAGE_BYTES);
            received += 1;
            if received < 30_000 - 64 {
                assert!(!producer.is_finished(), "done at {received} received");
            }
        }
        assert_eq!(received, 30_000);
        producer.await.expect("the producer ends once all is sent");
    }
    // ANCHOR_END: tests
}
