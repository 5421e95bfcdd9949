//! The reference solution of the lru-cache exercise: `go/lru.go` in Rust.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

// ANCHOR: cache
/// A map of at most `capacity` entries that forgets the least recently used.
pub struct LruCache<K, V> {
    capacity: usize,
    /// Each key's value, and the tick of its last use.
    entries: HashMap<K, (V, u64)>,
    /// The keys by the tick of their last use: the first is the least recent.
    order: BTreeMap<u64, K>,
    /// Counts every use; each gets a tick no other use has.
    tick: u64,
}

impl<K: Hash + Eq + Clone, V> LruCache<K, V> {
    /// An empty cache. Panics when `capacity` is 0.
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "lru: capacity {capacity}, want at least 1");
        LruCache {
            capacity,
            entries: HashMap::with_capacity(capacity),
            order: BTreeMap::new(),
            tick: 0,
        }
    }

    /// The value of `key`, which becomes the most recently used.
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.tick += 1;
        let (value, used) = self.entries.get_mut(key)?;
        Self::touch(&mut self.order, used, self.tick);
        Some(value)
    }

    /// Sets the value of `key`; returns the key it evicted, if any.
    pub fn put(&mut self, key: K, value: V) -> Option<K> {
        self.tick += 1;
        if let Some((old, used)) = self.entries.get_mut(&key) {
            *old = value;
            Self::touch(&mut self.order, used, self.tick);
            return None;
        }
        self.order.insert(self.tick, key.clone());
        self.entries.insert(key, (value, self.tick));
        if self.entries.len() <= self.capacity {
            return None;
        }
        let (_, oldest) = self.order.pop_first()?;
        self.entries.remove(&oldest);
        Some(oldest)
    }

    /// Moves the key last used at `*used` to `tick` in `order`.
    fn touch(order: &mut BTreeMap<u64, K>, used: &mut u64, tick: u64) {
        if let Some(key) = order.remove(used) {
            order.insert(tick, key);
        }
        *used = tick;
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys, the most recently used first.
    pub fn keys(&self) -> Vec<K> {
        self.order.values().rev().cloned().collect()
    }
}
// ANCHOR_END: cache
