//! A struct with a map inside, used straight from its default value. In Go
//! the zero value holds a nil map and the first write panics; in Rust there
//! is no nil map, and `Default` gives an empty one that is ready to use.

use std::collections::HashMap;

// ANCHOR: word-count
/// Counts words. The derived `Default` starts with an empty map, which does
/// not allocate until the first insert.
#[derive(Debug, Default)]
pub struct WordCount {
    counts: HashMap<String, usize>,
}

impl WordCount {
    pub fn add(&mut self, word: &str) {
        *self.counts.entry(word.to_string()).or_default() += 1;
    }

    pub fn count(&self, word: &str) -> usize {
        self.counts.get(word).copied().unwrap_or(0)
    }
}

fn main() {
    let mut words = WordCount::default();
    assert_eq!(words.count("gopher"), 0);
    words.add("gopher"); // no constructor needed, no panic
    assert_eq!(words.count("gopher"), 1);
}
// ANCHOR_END: word-count

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_the_default_value() {
        let cases = [
            ("nothing added", vec![], "go", 0),
            ("added once", vec!["go"], "go", 1),
            (
                "added twice among others",
                vec!["go", "rust", "go"],
                "go",
                2,
            ),
        ];
        for (case, added, word, want) in cases {
            let mut words = WordCount::default();
            for w in added {
                words.add(w);
            }
            assert_eq!(words.count(word), want, "{case}");
        }
    }

    #[test]
    fn an_empty_map_has_not_allocated() {
        assert_eq!(WordCount::default().counts.capacity(), 0);
    }
}
// ANCHOR_END: tests
