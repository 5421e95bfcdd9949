//! Counting words in several documents at once, twice. The first version
//! puts one map behind `Arc<Mutex<…>>` and lets every task lock it, the
//! shape Go code with a `sync.Mutex` translates to most directly. The second
//! gives each task its own map and lets the `JoinHandle` carry it back: no
//! lock, no `Arc`, and the merge happens in one place. The "Sharp edges"
//! chapter uses it to show that shared state is often a habit, not a need.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub type Counts = HashMap<String, usize>;

// ANCHOR: shared
/// Every task locks the one shared map for every word.
pub async fn count_shared(documents: Vec<String>) -> Counts {
    let counts = Arc::new(Mutex::new(Counts::new()));
    let mut tasks = Vec::new();
    for document in documents {
        let counts = Arc::clone(&counts);
        tasks.push(tokio::spawn(async move {
            for word in document.split_whitespace() {
                *counts.lock().unwrap().entry(word.to_owned()).or_default() += 1;
            }
        }));
    }
    for task in tasks {
        task.await.expect("a counting task panicked");
    }
    // Every clone of the Arc is gone with its task, so the map can be
    // taken out of it without copying.
    Arc::try_unwrap(counts)
        .expect("no task holds it any more")
        .into_inner()
        .unwrap()
}
// ANCHOR_END: shared

// ANCHOR: owned
/// Every task owns its map and returns it; the caller merges them.
pub async fn count_owned(documents: Vec<String>) -> Counts {
    let tasks: Vec<_> = documents
        .into_iter()
        .map(|document| {
            tokio::spawn(async move {
                let mut counts = Counts::new();
                for word in document.split_whitespace() {
                    *counts.entry(word.to_owned()).or_default() += 1;
                }
                counts
            })
        })
        .collect();
    let mut total = Counts::new();
    for task in tasks {
        for (word, n) in task.await.expect("a counting task panicked") {
            *total.entry(word).or_default() += n;
        }
    }
    total
}
// ANCHOR_END: owned

#[tokio::main]
async fn main() {
    let documents = vec!["to be or".to_owned(), "not to be".to_owned()];
    let mut counts: Vec<_> = count_owned(documents).await.into_iter().collect();
    counts.sort();
    println!("{counts:?}");
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn both_versions_count_the_same() {
        // (case, documents, expected counts)
        type Case = (
            &'static str,
            &'static [&'static str],
            &'static [(&'static str, usize)],
        );
        let cases: [Case; 3] = [
            ("no documents", &[], &[]),
            ("one document", &["a b a"], &[("a", 2), ("b", 1)]),
            (
                "words across documents",
                &["to be or", "not to be"],
                &[("be", 2), ("not", 1), ("or", 1), ("to", 2)],
            ),
        ];
        for (case, documents, want) in cases {
            let documents: Vec<String> = documents.iter().map(|d| d.to_string()).collect();
            let want: Counts = want.iter().map(|&(w, n)| (w.to_owned(), n)).collect();
            assert_eq!(
                count_shared(documents.clone()).await,
                want,
                "shared: {case}"
            );
            assert_eq!(count_owned(documents).await, want, "owned: {case}");
        }
    }
}
// ANCHOR_END: tests
