//! A three-stage pipeline, numbers → squares → sum, on tokio channels and on
//! std channels between threads. The stages end because each one drops its
//! sender when done: the Rust side of "closing a channel" in the "channels
//! and select" chapter, beside `pipeline.go`.

use std::sync::mpsc as std_mpsc;
use std::thread;

use tokio::sync::mpsc;

// ANCHOR: tokio
/// Sends 1..=n, then returns, which drops `out` and closes the channel.
async fn generate(n: u64, out: mpsc::Sender<u64>) {
    for i in 1..=n {
        if out.send(i).await.is_err() {
            return; // the next stage has gone away
        }
    }
}

/// Squares every number until its input is closed and drained.
async fn square(mut input: mpsc::Receiver<u64>, out: mpsc::Sender<u64>) {
    while let Some(i) = input.recv().await {
        if out.send(i * i).await.is_err() {
            return;
        }
    }
}

/// Sums 1² + … + n² through the pipeline.
pub async fn sum_of_squares(n: u64) -> u64 {
    // Capacity 1: a sender waits as soon as one value is in flight.
    let (numbers, numbers_rx) = mpsc::channel(1);
    let (squares, mut squares_rx) = mpsc::channel(1);
    tokio::spawn(generate(n, numbers));
    tokio::spawn(square(numbers_rx, squares));
    let mut sum = 0;
    // None once `square` has returned and dropped the last sender.
    while let Some(s) = squares_rx.recv().await {
        sum += s;
    }
    sum
}
// ANCHOR_END: tokio

// ANCHOR: threads
/// The same pipeline on OS threads. `sync_channel(0)` has no buffer at all:
/// like an unbuffered Go channel, each send waits for its receive.
pub fn sum_of_squares_threads(n: u64) -> u64 {
    let (numbers, numbers_rx) = std_mpsc::sync_channel(0);
    let (squares, squares_rx) = std_mpsc::sync_channel(0);
    thread::spawn(move || {
        for i in 1..=n {
            numbers.send(i).expect("square is running");
        }
    });
    thread::spawn(move || {
        for i in numbers_rx {
            squares.send(i * i).expect("the sum is running");
        }
    });
    squares_rx.iter().sum() // the iterator ends when the senders are gone
}
// ANCHOR_END: threads

#[tokio::main]
async fn main() {
    assert_eq!(sum_of_squares(10).await, 385);
    assert_eq!(sum_of_squares_threads(10), 385);
    println!("1² + … + 10² = {}", sum_of_squares(10).await);
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
    async fn both_pipelines_sum_the_squares() {
        let cases = [
            ("empty", 0, 0),
            ("one", 1, 1),
            ("ten", 10, 385),
            ("hundred", 100, 338_350),
        ];
        for (case, n, want) in cases {
            assert_eq!(sum_of_squares(n).await, want, "{case}");
            assert_eq!(sum_of_squares_threads(n), want, "{case} (threads)");
        }
    }

    // ANCHOR: closed
    #[tokio::test]
    async fn receiving_from_a_closed_channel_drains_then_gives_none() {
        let (sender, mut receiver) = mpsc::channel(4);
        sender.send(1).await.unwrap();
        sender.send(2).await.unwrap();
        drop(sender); // the only sender: this closes the channel
        assert_eq!(receiver.recv().await, Some(1));
        assert_eq!(receiver.recv().await, Some(2));
        assert_eq!(receiver.recv().await, None);
    }

    #[test]
    #[should_panic(expected = "buffer > 0")]
    fn tokio_has_no_unbuffered_channel() {
        let _ = mpsc::channel::<u64>(0);
    }
    // ANCHOR_END: closed
}
