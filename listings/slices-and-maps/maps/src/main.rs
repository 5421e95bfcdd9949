//! Counts in a `HashMap`. `get` returns an `Option` where Go has the
//! comma-ok form, and the entry API finds a key's slot once, to insert or
//! update, where Go writes `m[k] += n`.

use std::collections::HashMap;

// ANCHOR: inventory
/// Counts items by name.
#[derive(Debug, Default)]
struct Inventory {
    counts: HashMap<String, u32>,
}

impl Inventory {
    /// Puts `n` more of `name` in stock, starting from zero when it is new.
    fn add(&mut self, name: &str, n: u32) {
        *self.counts.entry(name.to_string()).or_insert(0) += n;
    }

    /// How many of `name` are in stock, or `None` when it is not there.
    fn count(&self, name: &str) -> Option<u32> {
        self.counts.get(name).copied()
    }

    /// Removes `n` of `name`, and the name itself when none are left.
    /// Returns false, and changes nothing, when there are not enough.
    fn take(&mut self, name: &str, n: u32) -> bool {
        let Some(have) = self.counts.get_mut(name) else {
            return false;
        };
        if *have < n {
            return false;
        }
        *have -= n;
        if *have == 0 {
            self.counts.remove(name);
        }
        true
    }
}
// ANCHOR_END: inventory

// ANCHOR: main
fn main() {
    let mut inv = Inventory::default();
    inv.add("bolt", 3);
    inv.add("bolt", 2);
    let took = inv.take("bolt", 4);
    println!("took 4: {took}; left: {:?}", inv.count("bolt"));
    println!("gears: {:?}", inv.count("gear"));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inventory() {
        let mut inv = Inventory::default();
        inv.add("bolt", 3);
        inv.add("bolt", 2);
        inv.add("nut", 1);

        let steps = [
            ("some", "bolt", 4, true, Some(1)),
            ("too many", "bolt", 2, false, Some(1)),
            ("the last one", "nut", 1, true, None),
            ("never added", "gear", 1, false, None),
        ];
        for (step, name, n, ok, left) in steps {
            assert_eq!(inv.take(name, n), ok, "{step}: take");
            assert_eq!(inv.count(name), left, "{step}: count");
        }
    }

    #[test]
    #[should_panic(expected = "no entry found for key")]
    fn indexing_a_missing_key_panics() {
        let counts: HashMap<String, u32> = HashMap::new();
        let n = counts["gear"]; // Go would read 0 here
        println!("never printed: {n}");
    }
}
// ANCHOR_END: tests
