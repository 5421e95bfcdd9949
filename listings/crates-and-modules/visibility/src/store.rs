//! A counter of items by key. The type is `pub`; its field is not, so
//! code outside this module goes through the methods.

use std::collections::BTreeMap;

use crate::slug;

// ANCHOR: store
/// Counts items by their slug.
#[derive(Debug, Default)]
pub struct Store {
    counts: BTreeMap<String, u32>, // private: no `pub`
}

impl Store {
    /// Adds one of `name` and returns the key it was counted under.
    pub fn add(&mut self, name: &str) -> String {
        let key = slug::make(name);
        *self.counts.entry(key.clone()).or_default() += 1;
        key
    }

    /// How many of `name` were added.
    pub fn count(&self, name: &str) -> u32 {
        self.counts.get(&slug::make(name)).copied().unwrap_or(0)
    }
}
// ANCHOR_END: store
