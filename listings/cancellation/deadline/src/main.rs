//! A deadline on a slow operation: `tokio::time::timeout` drops the future
//! when time is up, which cancels it at the `.await` where it was waiting and
//! runs its destructors. The Rust side of deadlines in the "cancellation and
//! context" chapter, beside `deadline.go`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::{error::Elapsed, timeout};

// ANCHOR: fetch
/// Marks `released` when dropped: the connection a real fetch would hold.
pub struct Connection {
    released: Arc<AtomicBool>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.released.store(true, Ordering::SeqCst);
    }
}

/// Waits for a price on `reply`, holding a connection meanwhile. It takes
/// no context: whoever awaits it can cancel it by dropping it.
pub async fn fetch_price(reply: oneshot::Receiver<u64>, released: Arc<AtomicBool>) -> u64 {
    let _connection = Connection { released };
    reply.await.unwrap_or(0)
}
// ANCHOR_END: fetch

// ANCHOR: deadline
/// Fetches a price, giving up after `limit`.
pub async fn price_within(
    limit: Duration,
    reply: oneshot::Receiver<u64>,
    released: Arc<AtomicBool>,
) -> Result<u64, Elapsed> {
    timeout(limit, fetch_price(reply, released)).await
}
// ANCHOR_END: deadline

#[tokio::main]
async fn main() {
    let released = Arc::new(AtomicBool::new(false));
    let (_never_sent, reply) = oneshot::channel();
    let result = price_within(Duration::from_millis(10), reply, Arc::clone(&released)).await;
    assert!(result.is_err(), "nobody answered, so the deadline passed");
    assert!(
        released.load(Ordering::SeqCst),
        "the connection was released"
    );
    println!("timed out, and the fetch's connection was released");
}

#[cfg(test)]
mod tests {
    use tokio_util::sync::CancellationToken;

    use super::*;

    /// `main` walks through the chapter's example with assertions; the book
    /// runs it too, and this keeps `cargo test` covering it.
    #[test]
    fn the_walkthrough_in_main_holds() {
        main();
    }

    #[tokio::test]
    async fn a_deadline_drops_the_late_fetch_and_its_connection() {
        let cases = [
            ("answered in time", Some(42), Ok(42)),
            ("never answered", None, Err(())),
        ];
        for (case, answer, want) in cases {
            let released = Arc::new(AtomicBool::new(false));
            let (price, reply) = oneshot::channel();
            // Answered before the fetch starts, or kept open but silent.
            let _kept_open = match answer {
                Some(p) => {
                    price.send(p).unwrap();
                    None
                }
                None => Some(price),
            };
            // 10 ms is only reached when nobody answers.
            let limit = Duration::from_millis(10);
            let got = price_within(limit, reply, Arc::clone(&released)).await;
            assert_eq!(got.map_err(|_| ()), want, "{case}");
            assert!(
                released.load(Ordering::SeqCst),
                "{case}: connection released"
            );
        }
    }

    // ANCHOR: token
    #[tokio::test]
    async fn a_token_cancels_a_future_that_knows_nothing_about_it() {
        let stop = CancellationToken::new();
        let released = Arc::new(AtomicBool::new(false));
        let (_never_sent, reply) = oneshot::channel();
        let fetch = fetch_price(reply, Arc::clone(&released));
        let (got, ()) = tokio::join!(stop.run_until_cancelled(fetch), async {
            tokio::task::yield_now().await; // let the fetch start waiting
            stop.cancel();
        });
        assert_eq!(got, None);
        assert!(released.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn a_future_that_is_never_polled_never_starts() {
        let released = Arc::new(AtomicBool::new(false));
        let (_never_sent, reply) = oneshot::channel();
        let fetch = fetch_price(reply, Arc::clone(&released));
        drop(fetch); // its body never ran: no connection was ever taken
        assert!(!released.load(Ordering::SeqCst));
    }
    // ANCHOR_END: token
}
