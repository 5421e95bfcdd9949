//! In `tokio::select!`, the branches that lose are dropped, in whatever
//! state they reached. A branch that had already taken one message of a
//! pair loses that message with it; a pinned future that is polled again
//! instead of rebuilt keeps its progress. The Rust side of "what a losing
//! branch loses" in the "channels and select" chapter, beside `loser_test.go`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::mpsc;

// ANCHOR: pair
/// Reads two messages and returns them together. Not cancel-safe: dropped
/// between its two `recv`s, it takes the first message with it.
pub async fn read_pair(messages: &mut mpsc::Receiver<u32>) -> Option<(u32, u32)> {
    let first = messages.recv().await?;
    let second = messages.recv().await?;
    Some((first, second))
}
// ANCHOR_END: pair

// ANCHOR: guard
/// Sets its flag when dropped, to show that a future was dropped.
pub struct DropGuard(pub Arc<AtomicBool>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}
// ANCHOR_END: guard

#[tokio::main]
async fn main() {
    // ANCHOR: lost
    let (sender, mut messages) = mpsc::channel(4);
    let (halt, mut halted) = mpsc::channel(1);
    sender.send(1).await.unwrap(); // half a pair
    halt.send(()).await.unwrap(); // and a reason to stop waiting for the rest
    let dropped = Arc::new(AtomicBool::new(false));

    tokio::select! {
        biased; // poll in the written order, so this run is deterministic
        pair = async {
            let _guard = DropGuard(Arc::clone(&dropped));
            read_pair(&mut messages).await
        } => panic!("only half a pair was sent, yet got {pair:?}"),
        _ = halted.recv() => {}
    }

    // The losing branch was dropped after it had taken message 1.
    assert!(dropped.load(Ordering::SeqCst));
    sender.send(2).await.unwrap();
    assert_eq!(messages.recv().await, Some(2), "message 1 is gone");
    // ANCHOR_END: lost
    println!("the losing branch was dropped, and message 1 with it");
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

    // ANCHOR: kept
    #[tokio::test]
    async fn a_pinned_future_resumes_instead_of_starting_over() {
        let (sender, mut messages) = mpsc::channel(4);
        let (tick, mut ticks) = mpsc::channel(4);
        sender.send(1).await.unwrap();
        tick.send(()).await.unwrap();

        // Built once, outside the loop; each select polls the same future.
        let mut pair = std::pin::pin!(read_pair(&mut messages));
        let mut ticks_seen = 0;
        let got = loop {
            tokio::select! {
                biased;
                got = &mut pair => break got,
                Some(()) = ticks.recv() => {
                    ticks_seen += 1;
                    // The pair future lost this round but kept message 1.
                    sender.send(2).await.unwrap();
                }
            }
        };
        assert_eq!(got, Some((1, 2)));
        assert_eq!(ticks_seen, 1);
    }
    // ANCHOR_END: kept
}
