//! The reference solution of the single-flight exercise:
//! `go/singleflight.go` in Rust, on tokio.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

// ANCHOR: group
/// The calls under way, by key: each is a cell that its first caller fills
/// and the others wait on.
pub struct Group<K, V> {
    calls: Mutex<HashMap<K, Arc<OnceCell<V>>>>,
}

impl<K: Hash + Eq + Clone, V: Clone> Group<K, V> {
    pub fn new() -> Self {
        Group {
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// `f`'s value, shared with every caller for `key` while it runs.
    pub async fn run<F, Fut>(&self, key: K, f: F) -> V
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = V>,
    {
        // The lock is held only to find or add the call, never across an
        // await, so calls for other keys go on meanwhile.
        let call = Arc::clone(self.calls.lock().unwrap().entry(key.clone()).or_default());
        // The first caller runs `f`; the others wait for the value.
        let value = call.get_or_init(f).await.clone();
        // The first to get here ends the call, so the next `run` calls `f`
        // again; a later call for the key is not this one's to remove.
        let mut calls = self.calls.lock().unwrap();
        if calls.get(&key).is_some_and(|c| Arc::ptr_eq(c, &call)) {
            calls.remove(&key);
        }
        value
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Default for Group<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
// ANCHOR_END: group
