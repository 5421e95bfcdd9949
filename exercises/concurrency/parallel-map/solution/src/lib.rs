//! The reference solution of the parallel-map exercise:
//! `go/parallelmap.go` in Rust, on scoped threads.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// The error of one item: which one, and what `f` returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError<E> {
    pub index: usize,
    pub error: E,
}

// ANCHOR: display
impl<E: fmt::Display> fmt::Display for ItemError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "item {}: {}", self.index, self.error)
    }
}
// ANCHOR_END: display

impl<E: std::error::Error + 'static> std::error::Error for ItemError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

// ANCHOR: map
/// Calls `f` on every item on at most `workers` threads (one when `workers`
/// is 0) and returns the results in the items' order, or the error of the
/// earliest failing item once every item has run.
pub fn map<T, U, E, F>(items: &[T], workers: usize, f: F) -> Result<Vec<U>, ItemError<E>>
where
    T: Sync,
    U: Send,
    E: Send,
    F: Fn(&T) -> Result<U, E> + Sync,
{
    // The index of the next item to take: Go's channel of indexes, as one
    // shared counter that each worker advances.
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<U, E>)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..workers.max(1).min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return mine;
                        };
                        mine.push((index, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            // A panic in `f` goes on in the caller, as it would in Go.
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            })
            .collect()
    });
    done.sort_by_key(|&(index, _)| index);
    done.into_iter()
        .map(|(index, result)| result.map_err(|error| ItemError { index, error }))
        .collect()
}
// ANCHOR_END: map
