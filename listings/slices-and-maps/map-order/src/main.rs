//! A map printed in a fixed order. A `HashMap` iterates in an arbitrary
//! order, so its keys are sorted first; a `BTreeMap` keeps its keys sorted
//! and iterates in that order.

use std::collections::{BTreeMap, HashMap};

// ANCHOR: report
/// The counts as name=count lines, sorted by name.
fn report(counts: &HashMap<String, u32>) -> Vec<String> {
    let mut names: Vec<&String> = counts.keys().collect();
    names.sort();
    names
        .into_iter()
        .map(|name| format!("{name}={}", counts[name]))
        .collect()
}

/// The same lines from a `BTreeMap`, which iterates in key order.
fn report_sorted(counts: &BTreeMap<String, u32>) -> Vec<String> {
    counts
        .iter()
        .map(|(name, n)| format!("{name}={n}"))
        .collect()
}
// ANCHOR_END: report

// ANCHOR: main
fn main() {
    let pairs = [("rust", 2), ("go", 3), ("c", 1)];
    let hashed: HashMap<String, u32> = pairs.map(|(k, v)| (k.to_string(), v)).into();
    let sorted: BTreeMap<String, u32> = pairs.map(|(k, v)| (k.to_string(), v)).into();
    println!("{:?}", report(&hashed));
    println!("{:?}", report_sorted(&sorted));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn counts<M: FromIterator<(String, u32)>>() -> M {
        [("rust", 2), ("go", 3), ("c", 1)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    #[test]
    fn both_reports_are_sorted() {
        let want = ["c=1", "go=3", "rust=2"];
        assert_eq!(report(&counts()), want);
        assert_eq!(report_sorted(&counts()), want);
    }

    #[test]
    fn hash_maps_with_the_same_keys_iterate_in_different_orders() {
        let mut orders = std::collections::HashSet::new();
        for _ in 0..100 {
            let map: HashMap<String, u32> = (0..50).map(|i| (format!("key{i}"), i)).collect();
            orders.insert(map.into_keys().collect::<Vec<_>>());
        }
        assert!(orders.len() > 1, "100 maps saw {} order(s)", orders.len());
    }
}
// ANCHOR_END: tests
