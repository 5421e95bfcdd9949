//! The parallel-map exercise: port `../go/parallelmap.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise parallel-map`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::fmt;

/// Go's `ItemError`: the error of one item, which one, and what `f`
/// returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError<E> {
    pub index: usize,
    pub error: E,
}

// ANCHOR: display
/// Go's `Error` method: `item 2: disk full`.
impl<E: fmt::Display> fmt::Display for ItemError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}
// ANCHOR_END: display

/// Go's `Unwrap`: the item's own error is the source.
impl<E: std::error::Error + 'static> std::error::Error for ItemError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

// ANCHOR: map
/// Go's `Map`: calls `f` on every item, on at most `workers` threads at once
/// (one when `workers` is 0), and returns the results in the order of
/// `items`. When `f` fails for some items it is still called for every
/// item, and `map` returns the error of the earliest failing item (the
/// lowest index), with its index.
///
/// The bounds are what threads need: each thread reads items (`T: Sync`)
/// and calls `f` (`F: Sync`), and sends results and errors back (`U: Send`,
/// `E: Send`). `std::thread::scope` lets the threads borrow `items` and `f`.
pub fn map<T, U, E, F>(items: &[T], workers: usize, f: F) -> Result<Vec<U>, ItemError<E>>
where
    T: Sync,
    U: Send,
    E: Send,
    F: Fn(&T) -> Result<U, E> + Sync,
{
    todo!()
}
// ANCHOR_END: map
