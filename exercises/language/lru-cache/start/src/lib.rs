//! The lru-cache exercise: port `../go/lru.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, and the struct's placeholder field with the fields you need, then
//! run `cargo xtask exercise lru-cache`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::borrow::Borrow;
use std::hash::Hash;
use std::marker::PhantomData;

// ANCHOR: cache
/// Go's `Cache[K, V]`: maps keys to values and holds at most a fixed number
/// of them; a `get` or a `put` makes its key the most recently used.
///
/// Go keeps a `map` of the elements of a doubly linked `container/list`.
/// Choose your own fields: something that finds a key's value, and
/// something that knows the order in which the keys were used. The
/// placeholder only lets this compile; replace it.
pub struct LruCache<K, V> {
    placeholder: PhantomData<(K, V)>,
}

/// Go's `comparable` becomes `Hash + Eq` (what a `HashMap` key needs);
/// `Clone` lets a key be kept in two places.
impl<K: Hash + Eq + Clone, V> LruCache<K, V> {
    /// Go's `New`: an empty cache that holds at most `capacity` entries.
    /// Panics, with a message that says "capacity", when `capacity` is 0.
    pub fn new(capacity: usize) -> Self {
        todo!()
    }

    /// Go's `Get`: the value of `key`, making `key` the most recently used,
    /// or `None` when the cache does not hold it. (Why `&mut self`?) Like
    /// `HashMap::get`, it takes any borrowed form of the key: a `&str` for
    /// a `String` key.
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        todo!()
    }

    /// Go's `Put`: sets the value of `key` and makes it the most recently
    /// used. When that adds a key to a full cache, the least recently used
    /// key is dropped and returned; otherwise `None`.
    pub fn put(&mut self, key: K, value: V) -> Option<K> {
        todo!()
    }

    /// Go's `Len`: how many entries the cache holds.
    pub fn len(&self) -> usize {
        todo!()
    }

    /// Whether the cache holds nothing (clippy asks for it beside `len`).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Go's `Keys`: the keys the cache holds, the most recently used first.
    pub fn keys(&self) -> Vec<K> {
        todo!()
    }
}
// ANCHOR_END: cache
