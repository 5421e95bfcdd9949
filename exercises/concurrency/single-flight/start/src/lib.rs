//! The single-flight exercise: port `../go/singleflight.go` to Rust here,
//! on tokio.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, and the struct's placeholder field with the fields you need, then
//! run `cargo xtask exercise single-flight`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::hash::Hash;
use std::marker::PhantomData;

// ANCHOR: group
/// Go's `Group[K, V]`: the calls under way, by key.
///
/// Go keeps a map of `*call`, each a value and a channel closed once the
/// value is set, behind a `sync.Mutex`. Choose your own fields; the
/// placeholder only lets this compile. `tokio::sync` has a cell that many
/// tasks can wait on while one of them fills it.
pub struct Group<K, V> {
    placeholder: PhantomData<(K, V)>,
}

impl<K: Hash + Eq + Clone, V: Clone> Group<K, V> {
    /// An empty group (Go's zero value).
    pub fn new() -> Self {
        todo!()
    }

    /// Go's `Do`: returns what `f`'s future gives. When a call for `key` is
    /// already under way, `run` does not call `f` but waits for that call
    /// and returns a clone of its value. Once a call has returned, the next
    /// `run` for `key` calls `f` again: nothing is cached.
    ///
    /// Calls for different keys must not wait for each other: never hold a
    /// lock across an `.await`.
    pub async fn run<F, Fut>(&self, key: K, f: F) -> V
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = V>,
    {
        todo!()
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Default for Group<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
// ANCHOR_END: group
