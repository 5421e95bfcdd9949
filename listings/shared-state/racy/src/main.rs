//! Several threads count together, three ways that compile: a `Mutex` shared
//! through an `Arc`, an atomic borrowed by scoped threads, and a channel that
//! shares nothing. The Rust side of the "shared state" chapter, beside
//! `racy.go`; the direct translation of Go's racy counter is in
//! `compile-fail/`, because it does not compile.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;

// ANCHOR: mutex
/// Guards the count with a mutex. `thread::spawn` needs `'static` data, so
/// the threads share ownership of it through an `Arc`.
pub fn count_mutex(workers: usize, each: usize) -> usize {
    let count = Arc::new(Mutex::new(0));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let count = Arc::clone(&count);
            thread::spawn(move || {
                for _ in 0..each {
                    *count.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    // Every thread has been joined, so this is the last owner.
    let count = Arc::into_inner(count).expect("no other owner is left");
    count.into_inner().unwrap()
}
// ANCHOR_END: mutex

// ANCHOR: atomic
/// Makes each increment one atomic operation. Scoped threads end before
/// `scope` returns, so they may borrow `count` from this stack frame.
pub fn count_atomic(workers: usize, each: usize) -> usize {
    let count = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                for _ in 0..each {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    count.into_inner()
}
// ANCHOR_END: atomic

// ANCHOR: channel
/// Shares nothing: each thread counts on its own and sends its total.
pub fn count_channel(workers: usize, each: usize) -> usize {
    let (totals, received) = mpsc::channel();
    for _ in 0..workers {
        let totals = totals.clone();
        thread::spawn(move || {
            let local = (0..each).count();
            totals.send(local).unwrap();
        });
    }
    drop(totals); // so the iterator below ends after the last worker's total
    received.iter().sum()
}
// ANCHOR_END: channel

fn main() {
    for count in [count_mutex, count_atomic, count_channel] {
        assert_eq!(count(4, 1_000), 4_000);
    }
    println!("all three counted 4 × 1000 = 4000");
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

    type Count = fn(workers: usize, each: usize) -> usize;

    #[test]
    fn safe_counts_are_exact() {
        let counters: [(&str, Count); 3] = [
            ("mutex", count_mutex),
            ("atomic", count_atomic),
            ("channel", count_channel),
        ];
        for (name, count) in counters {
            for (workers, each) in [(1, 1), (4, 1_000), (8, 10_000)] {
                assert_eq!(
                    count(workers, each),
                    workers * each,
                    "{name}({workers}, {each})"
                );
            }
        }
    }
}
