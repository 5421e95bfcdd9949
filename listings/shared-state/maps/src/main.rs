//! Maps shared between threads: a `RwLock<HashMap>` for data read far more
//! often than written, and a small sharded map, which splits one lock into
//! several so that writers of different keys rarely wait for each other. The
//! Rust side of "maps" in the "shared state" chapter, beside `maps.go`.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::{Mutex, RwLock};
use std::thread;

// ANCHOR: rwlock
/// Settings read by every request and changed rarely.
#[derive(Default)]
pub struct Settings {
    values: RwLock<HashMap<String, String>>,
}

impl Settings {
    /// Many readers may hold the read lock at once.
    pub fn get(&self, key: &str) -> Option<String> {
        self.values.read().unwrap().get(key).cloned()
    }

    /// A writer waits until it holds the lock alone.
    pub fn set(&self, key: &str, value: &str) {
        self.values
            .write()
            .unwrap()
            .insert(key.to_owned(), value.to_owned());
    }
}
// ANCHOR_END: rwlock

// ANCHOR: sharded
/// Counters by key, spread over `SHARDS` separately locked maps.
pub struct ShardedCounts {
    shards: Vec<Mutex<HashMap<String, u64>>>,
    hasher: RandomState,
}

const SHARDS: usize = 16;

impl ShardedCounts {
    pub fn new() -> Self {
        let shards = (0..SHARDS).map(|_| Mutex::default()).collect();
        let hasher = RandomState::new();
        ShardedCounts { shards, hasher }
    }

    /// The shard a key lives in: always the same one for the same key.
    fn shard(&self, key: &str) -> &Mutex<HashMap<String, u64>> {
        let index = self.hasher.hash_one(key) as usize % SHARDS;
        &self.shards[index]
    }

    /// Adds one to `key`'s count, locking only its shard.
    pub fn increment(&self, key: &str) {
        let mut shard = self.shard(key).lock().unwrap();
        *shard.entry(key.to_owned()).or_default() += 1;
    }

    pub fn get(&self, key: &str) -> u64 {
        self.shard(key)
            .lock()
            .unwrap()
            .get(key)
            .copied()
            .unwrap_or(0)
    }
}
// ANCHOR_END: sharded

impl Default for ShardedCounts {
    fn default() -> Self {
        Self::new()
    }
}

fn main() {
    let settings = Settings::default();
    let counts = ShardedCounts::new();
    settings.set("greeting", "hello");
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let greeting = settings.get("greeting").unwrap();
                counts.increment(&greeting);
            });
        }
    });
    assert_eq!(counts.get("hello"), 4);
    println!("four threads read the settings and counted once each");
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

    #[test]
    fn concurrent_increments_all_count() {
        let cases = [("one key", 1), ("a few keys", 3), ("many keys", 40)];
        for (case, keys) in cases {
            let counts = ShardedCounts::new();
            thread::scope(|s| {
                for _ in 0..8 {
                    s.spawn(|| {
                        for i in 0..1_000 {
                            counts.increment(&format!("key{}", i % keys));
                        }
                    });
                }
            });
            let total: u64 = (0..keys).map(|k| counts.get(&format!("key{k}"))).sum();
            assert_eq!(total, 8_000, "{case}");
            assert_eq!(counts.get("absent"), 0, "{case}");
        }
    }

    #[test]
    fn readers_see_a_setting_once_it_is_written() {
        let settings = Settings::default();
        assert_eq!(settings.get("mode"), None);
        thread::scope(|s| {
            s.spawn(|| settings.set("mode", "fast"));
        });
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| assert_eq!(settings.get("mode").as_deref(), Some("fast")));
            }
        });
    }
}
