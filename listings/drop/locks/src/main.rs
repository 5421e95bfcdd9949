//! A `MutexGuard` is the lock: holding it is holding the mutex, and
//! dropping it unlocks. `drop(guard)` unlocks before slow work; a panic
//! unlocks too, and marks the mutex poisoned.

use std::collections::HashMap;
use std::sync::Mutex;

// ANCHOR: cache
/// A map of loaded values, shared between threads.
struct Cache {
    entries: Mutex<HashMap<String, String>>,
}

impl Cache {
    fn new() -> Self {
        Cache {
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Returns the value for `key`, calling `load` without the lock held
    /// when it is missing.
    fn get_or_load(&self, key: &str, load: impl FnOnce(&str) -> String) -> String {
        let entries = self.entries.lock().unwrap();
        if let Some(value) = entries.get(key) {
            return value.clone(); // returning drops `entries`: unlocked
        }
        drop(entries); // unlock before the slow part
        let value = load(key);
        let mut entries = self.entries.lock().unwrap();
        entries.entry(key.to_owned()).or_insert(value).clone()
    }
}
// ANCHOR_END: cache

// ANCHOR: main
fn main() {
    let cache = Cache::new();
    let first = cache.get_or_load("gopher", |key| key.to_uppercase());
    let again = cache.get_or_load("gopher", |_| unreachable!("cached"));
    println!("{first} {again}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{self, AssertUnwindSafe};

    // ANCHOR: tests
    #[test]
    fn load_runs_without_the_lock() {
        let cache = Cache::new();
        let value = cache.get_or_load("k", |key| {
            // Another caller could lock now: the guard was dropped.
            assert!(cache.entries.try_lock().is_ok(), "still locked during load");
            format!("loaded {key}")
        });
        assert_eq!(value, "loaded k");
        assert!(
            cache.entries.try_lock().is_ok(),
            "still locked after return"
        );
    }

    #[test]
    fn a_panic_unlocks_and_poisons() {
        let counter = Mutex::new(0);
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut n = counter.lock().unwrap();
            *n += 1;
            panic!("bug while holding the lock");
        }));
        assert!(result.is_err());
        // Unwinding dropped the guard, so the mutex is free, but lock()
        // reports that its holder panicked. The data is still there.
        let poisoned = counter.lock().unwrap_err();
        assert_eq!(*poisoned.into_inner(), 1);
    }
    // ANCHOR_END: tests
}
