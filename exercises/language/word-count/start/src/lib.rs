//! The word-count exercise: port `../go/wordcount.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise word-count`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::collections::HashMap;

/// One word and how often it occurs (Go's `WordCount`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

// ANCHOR: count
/// Go's `Count`: how often each word occurs in `text`. A word is a run of
/// letters and digits (`char::is_alphanumeric`); everything else separates
/// words. Words are counted in lower case, so "Go" and "go" are one word.
pub fn count(text: &str) -> HashMap<String, usize> {
    todo!()
}
// ANCHOR_END: count

// ANCHOR: top
/// Go's `Top`: the `n` most frequent words of `counts`, most frequent
/// first; words with equal counts come in alphabetical order. Fewer than
/// `n` when `counts` holds fewer words, none when `n` is 0.
pub fn top(counts: &HashMap<String, usize>, n: usize) -> Vec<WordCount> {
    todo!()
}
// ANCHOR_END: top
