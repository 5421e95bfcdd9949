//! Sets: `HashSet` where Go uses `map[K]struct{}`, and `BTreeSet` when the
//! elements should come out sorted. `insert` reports whether the value was
//! new, and the set operations are methods.

use std::collections::{BTreeSet, HashSet};

// ANCHOR: unique
/// `words` without repeats, in the order they first appear.
fn unique(words: &[&str]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &w in words {
        if seen.insert(w) {
            out.push(w.to_string()); // insert returned true: w is new
        }
    }
    out
}
// ANCHOR_END: unique

// ANCHOR: common
/// The words found in both `a` and `b`, sorted, once each.
fn common(a: &[&str], b: &[&str]) -> Vec<String> {
    let a: BTreeSet<&str> = a.iter().copied().collect();
    let b: BTreeSet<&str> = b.iter().copied().collect();
    a.intersection(&b).map(|w| w.to_string()).collect()
}
// ANCHOR_END: common

// ANCHOR: main
fn main() {
    println!("{:?}", unique(&["go", "rust", "go", "c", "rust"]));
    println!("{:?}", common(&["go", "rust", "c"], &["zig", "rust", "go"]));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniques() {
        let got = unique(&["go", "rust", "go", "c", "rust"]);
        assert_eq!(got, ["go", "rust", "c"]);
    }

    #[test]
    fn commons() {
        let cases = [
            (
                "some shared",
                vec!["go", "rust", "c", "go"],
                vec!["zig", "rust", "go"],
                vec!["go", "rust"],
            ),
            ("none shared", vec!["go"], vec!["rust"], vec![]),
        ];
        for (case, a, b, want) in cases {
            assert_eq!(common(&a, &b), want, "{case}");
        }
    }
}
// ANCHOR_END: tests
