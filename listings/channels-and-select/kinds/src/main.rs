//! The tokio channels that have no direct Go counterpart: `oneshot` for a
//! single reply, `broadcast` where every receiver sees every message, and
//! `watch` where receivers see only the latest value. The Rust side of
//! "one channel per job" in the "channels and select" chapter, beside
//! `kinds.go`.

use std::collections::HashMap;

use tokio::sync::{broadcast, mpsc, oneshot, watch};

// ANCHOR: oneshot
/// A question for the store task, with the channel its answer goes back on.
pub struct Get {
    pub key: String,
    pub reply: oneshot::Sender<Option<u64>>,
}

/// Owns the map; other tasks reach it only through `requests`.
pub async fn store(mut requests: mpsc::Receiver<Get>, data: HashMap<String, u64>) {
    while let Some(Get { key, reply }) = requests.recv().await {
        // The asker may have given up; its reply is then simply dropped.
        let _ = reply.send(data.get(&key).copied());
    }
}

/// Asks the store for `key`.
pub async fn get(requests: &mpsc::Sender<Get>, key: &str) -> Option<u64> {
    let (reply, answer) = oneshot::channel();
    let key = key.to_owned();
    requests.send(Get { key, reply }).await.ok()?;
    answer.await.ok()? // Err: the store dropped the request unanswered
}
// ANCHOR_END: oneshot

#[tokio::main]
async fn main() {
    let (requests, inbox) = mpsc::channel(8);
    tokio::spawn(store(inbox, HashMap::from([("gophers".to_owned(), 1)])));
    assert_eq!(get(&requests, "gophers").await, Some(1));
    assert_eq!(get(&requests, "crabs").await, None);

    // ANCHOR: broadcast
    let (events, mut first) = broadcast::channel(16);
    let mut second = events.subscribe();
    events.send("deployed").unwrap();
    // Each subscriber gets its own copy of every message.
    assert_eq!(first.recv().await.unwrap(), "deployed");
    assert_eq!(second.recv().await.unwrap(), "deployed");
    // ANCHOR_END: broadcast

    // ANCHOR: watch
    let (config, mut reader) = watch::channel("v1");
    config.send("v2").unwrap();
    config.send("v3").unwrap();
    // A watcher sees that something changed, and then only the latest value.
    reader.changed().await.unwrap();
    assert_eq!(*reader.borrow_and_update(), "v3");
    // ANCHOR_END: watch
    println!("oneshot, broadcast and watch behaved as described");
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
    async fn the_store_answers_each_question_on_its_own_channel() {
        let (requests, inbox) = mpsc::channel(8);
        let data = HashMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]);
        tokio::spawn(store(inbox, data));
        let cases = [("a", Some(1)), ("b", Some(2)), ("missing", None)];
        for (key, want) in cases {
            assert_eq!(get(&requests, key).await, want, "{key}");
        }
    }

    #[tokio::test]
    async fn asking_a_stopped_store_gives_none() {
        let (requests, inbox) = mpsc::channel(1);
        drop(inbox);
        assert_eq!(get(&requests, "a").await, None);
    }

    #[tokio::test]
    async fn a_request_dropped_unanswered_gives_none() {
        let (requests, mut inbox) = mpsc::channel::<Get>(1);
        // A store that takes the request and drops it, reply sender and all.
        tokio::spawn(async move { drop(inbox.recv().await) });
        assert_eq!(get(&requests, "a").await, None);
    }

    // ANCHOR: lagged
    #[tokio::test]
    async fn a_slow_broadcast_subscriber_is_told_what_it_missed() {
        let (events, mut slow) = broadcast::channel(2);
        for event in 1..=3 {
            events.send(event).unwrap();
        }
        // Room for two: the oldest message was overwritten, not queued.
        assert_eq!(
            slow.recv().await,
            Err(broadcast::error::RecvError::Lagged(1))
        );
        assert_eq!(slow.recv().await, Ok(2));
        assert_eq!(slow.recv().await, Ok(3));
    }
    // ANCHOR_END: lagged

    #[tokio::test]
    async fn a_watcher_sees_the_latest_value_only() {
        let (config, mut reader) = watch::channel(0);
        for version in 1..=5 {
            config.send(version).unwrap();
        }
        reader.changed().await.unwrap();
        assert_eq!(*reader.borrow_and_update(), 5);
        drop(config);
        assert!(
            reader.changed().await.is_err(),
            "no more changes once the sender is gone"
        );
    }
}
