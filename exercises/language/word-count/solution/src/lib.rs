//! The reference solution of the word-count exercise: `go/wordcount.go`
//! in Rust.

use std::collections::HashMap;

/// One word and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

// ANCHOR: count
/// How often each word occurs in `text`: runs of letters and digits, in
/// lower case.
pub fn count(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}
// ANCHOR_END: count

// ANCHOR: top
/// The `n` most frequent words, most frequent first, ties alphabetical.
pub fn top(counts: &HashMap<String, usize>, n: usize) -> Vec<WordCount> {
    let mut ranked: Vec<WordCount> = counts
        .iter()
        .map(|(word, &count)| WordCount {
            word: word.clone(),
            count,
        })
        .collect();
    ranked.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    ranked.truncate(n);
    ranked
}
// ANCHOR_END: top
