//! Locks and `.await`. A `std::sync::Mutex` is fine in async code when the
//! guard is dropped before the next `.await`; when the lock must be held
//! while waiting, `tokio::sync::Mutex` is the one to use. The Rust side of
//! "locks and .await" in the "shared state" chapter, beside `store.go`; what
//! goes wrong otherwise is in `tests/ui/guard-across-await.rs`.

use std::sync::{Arc, Mutex};

use tokio::sync::Mutex as AsyncMutex;
use tokio::sync::mpsc;

/// Stands for a slow write to a database or a socket.
async fn save(sink: &mpsc::Sender<u64>, value: u64) {
    sink.send(value).await.expect("the sink is open");
}

// ANCHOR: scoped
/// Bumps the counter under a std mutex, then saves the new value. The guard
/// lives in the inner block only, so it is gone before the `.await`, and
/// the future stays `Send`.
pub async fn bump_and_save(counter: Arc<Mutex<u64>>, sink: mpsc::Sender<u64>) {
    let value = {
        let mut guard = counter.lock().unwrap();
        *guard += 1;
        *guard
    };
    save(&sink, value).await;
}
// ANCHOR_END: scoped

// ANCHOR: held
/// Appends to a log that must see whole records in order, so the lock is
/// held while the lines are written: tokio's mutex, whose guard is `Send`
/// and whose `lock().await` lets other tasks run while it waits.
pub async fn write_record(log: Arc<AsyncMutex<mpsc::Sender<u64>>>, record: [u64; 2]) {
    let sink = log.lock().await;
    for line in record {
        save(&sink, line).await; // the lock is held across this await
    }
}
// ANCHOR_END: held

#[tokio::main]
async fn main() {
    let counter = Arc::new(Mutex::new(0));
    let (sink, mut saved) = mpsc::channel(8);
    tokio::spawn(bump_and_save(Arc::clone(&counter), sink.clone()))
        .await
        .unwrap();
    assert_eq!(saved.recv().await, Some(1));

    let log = Arc::new(AsyncMutex::new(sink));
    tokio::spawn(write_record(log, [10, 11])).await.unwrap();
    assert_eq!(
        (saved.recv().await, saved.recv().await),
        (Some(10), Some(11))
    );
    println!("bumped, saved and logged");
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn spawned_bumps_all_count() {
        let counter = Arc::new(Mutex::new(0));
        let (sink, mut saved) = mpsc::channel(100);
        let handles: Vec<_> = (0..100)
            .map(|_| tokio::spawn(bump_and_save(Arc::clone(&counter), sink.clone())))
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
        drop(sink);
        let mut values = Vec::new();
        while let Some(v) = saved.recv().await {
            values.push(v);
        }
        values.sort();
        assert_eq!(
            values,
            (1..=100).collect::<Vec<_>>(),
            "each bump saved its own value"
        );
        assert_eq!(*counter.lock().unwrap(), 100);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn records_are_never_interleaved() {
        // Capacity 1: writers really wait at the await inside the lock.
        let (sink, mut lines) = mpsc::channel(1);
        let log = Arc::new(AsyncMutex::new(sink));
        let writers: Vec<_> = (0..20)
            .map(|i| tokio::spawn(write_record(Arc::clone(&log), [i * 2, i * 2 + 1])))
            .collect();
        drop(log);
        let mut got = Vec::new();
        while let Some(line) = lines.recv().await {
            got.push(line);
        }
        for writer in writers {
            writer.await.unwrap();
        }
        assert_eq!(got.len(), 40);
        for pair in got.chunks(2) {
            assert_eq!(pair[1], pair[0] + 1, "a record was split: {got:?}");
        }
    }
}
