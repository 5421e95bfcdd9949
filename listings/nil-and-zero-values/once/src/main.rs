//! Initialising once: a table built on first use (`LazyLock`, where Go
//! initialises a package-level variable), and a value computed once however
//! many threads ask at the same moment (`OnceLock`, Go's `sync.OnceValue`).

use std::collections::HashSet;
use std::sync::{LazyLock, OnceLock};

// ANCHOR: lazy
/// Words a search index skips. Built the first time anything reads it;
/// a `static` cannot run code at start-up, as Go's package init does.
static STOP_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| "a an and of or the to".split_whitespace().collect());

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(word.to_lowercase().as_str())
}
// ANCHOR_END: lazy

// ANCHOR: once-lock
/// A name for this process, computed on first use and then fixed.
static INSTANCE_NAME: OnceLock<String> = OnceLock::new();

pub fn instance_name() -> &'static str {
    INSTANCE_NAME.get_or_init(|| format!("worker-{}", std::process::id()))
}
// ANCHOR_END: once-lock

fn main() {
    assert!(is_stop_word("The"));
    assert!(!is_stop_word("gopher"));
    assert_eq!(instance_name(), instance_name());
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread;

    #[test]
    fn stop_words() {
        let cases = [
            ("the", true),
            ("The", true),
            ("of", true),
            ("gopher", false),
            ("", false),
        ];
        for (word, want) in cases {
            assert_eq!(is_stop_word(word), want, "{word:?}");
        }
    }

    #[test]
    fn the_initialiser_runs_once_for_many_threads() {
        let calls = AtomicUsize::new(0);
        let cell = OnceLock::new();
        thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let value = cell.get_or_init(|| {
                        calls.fetch_add(1, Ordering::SeqCst);
                        42
                    });
                    assert_eq!(*value, 42);
                });
            }
        });
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn the_instance_name_is_fixed() {
        let name = instance_name();
        assert_eq!(name, format!("worker-{}", std::process::id()));
        assert!(
            std::ptr::eq(name, instance_name()),
            "the same string, not a new one"
        );
    }
}
// ANCHOR_END: tests
