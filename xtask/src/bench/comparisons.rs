//! The scan for sentences that compare the two languages.
//!
//! A sentence of a chapter that names Go, Rust, the twins or "both
//! languages" and holds a comparative word ("faster", "fewer", "less",
//! "the same", "twice") or a figure with a unit ("40 MiB", "3 ms", "25 %")
//! states something a reader will take as measured. Each one must be a
//! claim of [`super::claims`], whose figures are checked against
//! `src/measurements/results.json`, or stand on [`ALLOWED`] with the reason
//! it needs no measurement. Code blocks and `{{#include}}` lines are not
//! prose and are skipped; so are the generated files of `src/measurements/`.

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::claims;

/// A sentence that compares the languages but needs no measurement: its
/// distinctive words (as in [`claims::Claim::words`]) and why.
struct Allowed {
    chapter: &'static str,
    words: &'static str,
    reason: &'static str,
}

const ALLOWED: &[Allowed] = &[
    Allowed {
        chapter: "compile-times.md",
        words: "as Rust's standard library ships built",
        reason: "says which caches the Go build rows start from (build.rs, inner_loop), not a result",
    },
    Allowed {
        chapter: "when-to-stay-with-go.md",
        words: "Google reported that its teams writing Rust were about as productive",
        reason: "cites Lars Bergstrom's talk at Rust Nation UK, March 2024",
    },
    Allowed {
        chapter: "cancellation.md",
        words: "the Rust test gets `false`, and finds that the peer holds the first 8 bytes",
        reason: "byte counts the tests of cancellation/drop-costs assert, not a measurement",
    },
    Allowed {
        chapter: "channels-and-select.md",
        words: "Go's two ready cases win about half each, and tokio's first branch about two thirds",
        reason: "shares of wins the select-depth tests assert within fixed bounds, which follow \
                 from the two choice rules (runtime/select.go, tokio's select! macro); no timing",
    },
    Allowed {
        chapter: "goroutines-and-tasks.md",
        words: "whose default since Go 1.25 is also the smaller of the CPUs the process may use",
        reason: "Go's rule, cited to runtime/cgroup_linux.go (defaultGOMAXPROCS); no measurement",
    },
    Allowed {
        chapter: "goroutines-and-tasks.md",
        words: "preempts a goroutine that has run for 10 ms without stopping, by a signal",
        reason: "Go's setting, cited to runtime/proc.go (forcePreemptNS); no measurement",
    },
    Allowed {
        chapter: "goroutines-and-tasks.md",
        words: "after a pause of 3 µs to give its own P the chance",
        reason: "Go's setting, cited to runtime/proc.go (runqgrab's usleep(3)); no measurement",
    },
    Allowed {
        chapter: "chat-server.md",
        words: "shows that difference on a smaller example",
        reason: "compares two of the book's examples, not the languages",
    },
    Allowed {
        chapter: "chat-server.md",
        words: "cut into frames of at most 4 KiB",
        reason: "a setting of the server, not a measurement",
    },
    Allowed {
        chapter: "error-handling.md",
        words: "so the id appears twice",
        reason: "a count the program's printed output shows",
    },
    Allowed {
        chapter: "ffi.md",
        words: "There is a smaller first step",
        reason: "compares two ways to migrate, states no figure",
    },
    Allowed {
        chapter: "ffi.md",
        words: "a header written by hand is shorter to read and one dependency fewer",
        reason: "a count the header listing and Cargo.toml show",
    },
    Allowed {
        chapter: "ffi.md",
        words: "would be more machinery than the work itself",
        reason: "a design judgement with its conditions stated, no figure",
    },
    Allowed {
        chapter: "goroutines-and-tasks.md",
        words: "measures how much memory a process needs to hold many of each",
        reason: "describes the chapter; its figures are included from results.json",
    },
    Allowed {
        chapter: "goroutines-and-tasks.md",
        words: "the average stack use the last garbage collection scanned",
        reason: "Go's own rule for a goroutine's first stack, cited to runtime/stack.go \
                 (stackMin, gcComputeStartingStackSize) and the Go 1.19 notes; no comparison",
    },
    Allowed {
        chapter: "introduction.md",
        words: "The three larger programs",
        reason: "larger than the chapter listings, not one language than the other",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "builds both twins in release mode and starts each with `--workers 4",
        reason: "the benchmark's settings, the same for both twins; states no result",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "Then an open loop: oha sends at 25, 50, 75 and 100 %",
        reason: "how the open-loop rates are chosen, states no result",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "durations are written as Go writes them",
        reason: "a setting: the flags' duration syntax",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "such as the 10 000 ms cap",
        reason: "a setting: the twins' validation limit",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "while there are more than `--keep-finished`",
        reason: "a setting: the twins' retention flags",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "with `--keep-finished-for 5s` and checks the same over HTTP",
        reason: "a setting the suite starts the twins with",
    },
    Allowed {
        chapter: "chat-server.md",
        words: "Both twins take `--send-buffer-bytes`, which sets `SO_SNDBUF`",
        reason: "a setting both chat twins take, and what Linux does with it (socket(7); \
                 net/ipv4/tcp_input.c leaves a locked send buffer alone); states no result",
    },
    Allowed {
        chapter: "chat-server.md",
        words: "The suite checks the flag on both twins: with 4,096 bytes",
        reason: "the bound a suite case asserts on both twins \
                 (a_small_send_buffer_bounds_what_a_stalled_client_reads), not a measurement",
    },
    Allowed {
        chapter: "measurements.md",
        words: "each with a small receive buffer (2 KiB asked, 4 KiB granted",
        reason: "the benchmark clients' setting (RECEIVE_BUFFER in xtask/src/bench/chat.rs) and \
                 what Linux grants (socket(7): the kernel doubles SO_RCVBUF); states no result",
    },
    Allowed {
        chapter: "exercise-tally.md",
        words: "is logged and followed by a 100 ms pause, in both twins",
        reason: "a setting: the pause after an accept error in both tally servers (server.go, main.rs)",
    },
    Allowed {
        chapter: "web-services.md",
        words: "`--header-timeout` (5 seconds by default)",
        reason: "a setting: the default of both notes twins' --header-timeout (main.rs, main.go)",
    },
    Allowed {
        chapter: "web-services.md",
        words: "a connection that sends half a request's headers",
        reason: "no comparison: \"half\" names a kind of slow client the suite plays",
    },
    Allowed {
        chapter: "web-services.md",
        words: "closes such a connection sooner once it is more than five seconds old",
        reason: "a constant of net/http, not a measurement: Go 1.27.3 src/net/http/server.go \
                 closeIdleConns treats a StateNew connection older than 5 s as idle",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "25 seconds by default",
        reason: "a setting: the default of --drain-timeout",
    },
    Allowed {
        chapter: "job-queue.md",
        words: "can hold a Go connection for up to twice the timeout",
        reason: "cites Go's source: net/http's conn.serve (server.go in Go 1.27.3) keeps the \
                 IdleTimeout deadline until a request's first bytes arrive, then starts a fresh \
                 ReadHeaderTimeout",
    },
    Allowed {
        chapter: "measurements.md",
        words: "Articles about moving from Go to Rust tend to assert",
        reason: "reports what articles assert; the chapter then measures it",
    },
    Allowed {
        chapter: "measurements.md",
        words: "a ratio below 1 means the Rust twin needed less",
        reason: "a definition of the ratio column, not a result",
    },
    Allowed {
        chapter: "measurements.md",
        words: "the slower twin's figure is the capacity",
        reason: "defines how the open-loop rates are chosen, states no result",
    },
    Allowed {
        chapter: "measurements.md",
        words: "writes at half the slower twin's write capacity",
        reason: "how the mixed run's rates are chosen, states no result",
    },
    Allowed {
        chapter: "measurements.md",
        words: "so Go's clean build is timed twice",
        reason: "describes how clean builds are timed, states no result",
    },
    Allowed {
        chapter: "measurements.md",
        words: "A twin that is faster here shows what the two runtimes do",
        reason: "a caveat on reading the tables, states no result",
    },
    Allowed {
        chapter: "shared-state.md",
        words: "locking a `Mutex` twice from one thread",
        reason: "cites the std Mutex::lock docs",
    },
    Allowed {
        chapter: "sharp-edges.md",
        words: "so the 100 ms sleeps take no real time",
        reason: "a setting of the listing's tests",
    },
    Allowed {
        chapter: "toolchain.md",
        words: "Rust splits the same work between `cargo`",
        reason: "names which tools do a job, no figure",
    },
    Allowed {
        chapter: "toolchain.md",
        words: "Optimising makes the code run faster and take longer to compile",
        reason: "cites the Rust book on release builds",
    },
    Allowed {
        chapter: "traits.md",
        words: "the choice is more visible",
        reason: "the listings show the two spellings",
    },
    Allowed {
        chapter: "traits.md",
        words: "The Rust version is longer by a few lines of forwarding",
        reason: "a count the two listings show",
    },
];

/// Words that compare one thing with another.
const COMPARATIVES: &[&str] = &[
    "faster",
    "slower",
    "quicker",
    "smaller",
    "larger",
    "bigger",
    "fewer",
    "more",
    "less",
    "cheaper",
    "costlier",
    "lighter",
    "heavier",
    "longer",
    "shorter",
    "higher",
    "lower",
    "twice",
    "half",
    "ahead",
    "outperforms",
    "wins",
    "beats",
    "comparable",
    "similar",
];

/// The adjectives of "as fast as", "as much memory as".
const AS_WHAT: &[&str] = &[
    "fast",
    "quick",
    "slow",
    "small",
    "large",
    "big",
    "much",
    "many",
    "few",
    "little",
    "cheap",
    "productive",
    "efficient",
];

/// What "the same" must be followed by to compare cost or behaviour under
/// load, rather than say that two listings share a table or a file.
const SAME_WHAT: &[&str] = &[
    "load",
    "work",
    "speed",
    "memory",
    "size",
    "cost",
    "throughput",
    "latency",
    "performance",
    "time",
    "number",
    "amount",
];

/// Words before "more" or "less" that make it a count ("one more case").
const COUNTS: &[&str] = &["one", "two", "three", "many", "few", "little", "no", "any"];

/// Units that make a number a figure.
const UNITS: &[&str] = &[
    "%",
    "percent",
    "ns",
    "µs",
    "us",
    "ms",
    "s",
    "seconds",
    "milliseconds",
    "minutes",
    "b",
    "bytes",
    "kb",
    "kib",
    "mb",
    "mib",
    "gb",
    "gib",
    "times",
    "x",
    "×",
];

/// A sentence of a chapter and the line it starts on.
#[derive(Debug, PartialEq)]
pub struct Sentence {
    pub line: usize,
    pub text: String,
}

/// The sentences of the prose of `source`: outside code blocks and include
/// lines, split at a full stop, question or exclamation mark that ends a
/// word followed by one that does not start in lower case.
pub fn sentences(source: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut fence: Option<&str> = None;
    let flush = |words: &mut Vec<(usize, &str)>, out: &mut Vec<Sentence>| {
        let mut start = 0;
        for i in 0..words.len() {
            let word = words[i]
                .1
                .trim_end_matches(['*', '_', ')', '"', '\'', '”', '’']);
            let ends = word.ends_with(['.', '?', '!']);
            let next_lower = words
                .get(i + 1)
                .and_then(|(_, w)| {
                    w.trim_start_matches(['*', '_', '(', '"', '“'])
                        .chars()
                        .next()
                })
                .is_some_and(char::is_lowercase);
            if (ends && !next_lower) || i + 1 == words.len() {
                let text: Vec<&str> = words[start..=i].iter().map(|(_, w)| *w).collect();
                out.push(Sentence {
                    line: words[start].0,
                    text: text.join(" "),
                });
                start = i + 1;
            }
        }
        words.clear();
    };
    for (i, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            flush(&mut words, &mut out);
            continue;
        }
        let own_paragraph = trimmed.starts_with('#') || trimmed.starts_with('|');
        if trimmed.is_empty() || trimmed.contains("{{#") || own_paragraph {
            flush(&mut words, &mut out);
        }
        if trimmed.contains("{{#") {
            continue;
        }
        words.extend(line.split_whitespace().map(|w| (i + 1, w)));
        if own_paragraph {
            flush(&mut words, &mut out);
        }
    }
    flush(&mut words, &mut out);
    out
}

fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '×')
}

/// Whether `text` names one of the languages, the twins, or both.
fn names_the_languages(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "either language",
        "both languages",
        "the two languages",
        "twin",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
        || text.split_whitespace().map(bare).any(|w| {
            let w = w.strip_suffix("'s").or(w.strip_suffix("’s")).unwrap_or(w);
            w == "Go" || w == "Rust"
        })
}

/// Whether `text` compares: a comparative word, "the same", or a number
/// with a unit.
fn compares(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().map(bare).collect();
    let is_number = |w: &str| {
        let digits = w.trim_end_matches(|c: char| !c.is_ascii_digit());
        !digits.is_empty()
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && digits.starts_with(|c: char| c.is_ascii_digit())
    };
    let figure = words.iter().enumerate().any(|(i, w)| {
        if !is_number(w) {
            return false;
        }
        let unit_after = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        (!unit_after.is_empty() && UNITS.contains(&unit_after))
            || words.get(i + 1).is_some_and(|next| UNITS.contains(next))
    });
    let same = words
        .windows(3)
        .any(|w| w[0] == "the" && w[1] == "same" && SAME_WHAT.contains(&w[2]))
        && !lower.contains("at the same time");
    let comparative = words.iter().enumerate().any(|(i, w)| {
        COMPARATIVES.contains(w)
            && !(i > 0
                && ((*w == "more" || *w == "less") && COUNTS.contains(&words[i - 1])
                    || *w == "longer" && words[i - 1] == "no"
                    || *w == "half" && words[i - 1] == "other"))
    });
    let as_as = words
        .windows(4)
        .any(|w| w[0] == "as" && AS_WHAT.contains(&w[1]) && (w[2] == "as" || w[3] == "as"));
    figure || same || comparative || as_as
}

/// Every sentence of `source` that compares the languages.
pub fn candidates(source: &str) -> Vec<Sentence> {
    sentences(source)
        .into_iter()
        .filter(|s| names_the_languages(&s.text) && compares(&s.text))
        .collect()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every candidate of every chapter that is neither a claim nor allowed,
/// and every allow-list entry whose words are gone, described for the log.
pub fn unchecked(root: &Path) -> Result<Vec<String>> {
    let mut chapters: Vec<_> = fs::read_dir(root.join("src"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    chapters.retain(|p| p.extension().is_some_and(|e| e == "md"));
    chapters.sort();
    let mut failures = Vec::new();
    for path in chapters {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        for sentence in candidates(&source) {
            let text = squeeze(&sentence.text);
            let claimed = claims::words_of(&name).any(|words| text.contains(words));
            let allowed = ALLOWED
                .iter()
                .any(|a| a.chapter == name && text.contains(a.words));
            if !claimed && !allowed {
                failures.push(format!(
                    "src/{name}:{}: \"{text}\" compares the languages but is neither checked \
                     in xtask/src/bench/claims.rs nor allow-listed in \
                     xtask/src/bench/comparisons.rs (with a reason)",
                    sentence.line
                ));
            }
        }
        let text = squeeze(&source);
        for allowed in ALLOWED.iter().filter(|a| a.chapter == name) {
            if !text.contains(allowed.words) {
                failures.push(format!(
                    "src/{name} no longer says \"{}\" (allowed: {}): remove it from ALLOWED in \
                     xtask/src/bench/comparisons.rs",
                    allowed.words, allowed.reason
                ));
            }
        }
    }
    for allowed in ALLOWED {
        if !root.join("src").join(allowed.chapter).exists() {
            failures.push(format!(
                "ALLOWED names src/{}, which does not exist",
                allowed.chapter
            ));
        }
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_that_compares_the_languages_is_checked_or_allowed() {
        let failures = unchecked(&crate::root()).unwrap();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_comparison_is_found_on_its_line_and_code_is_skipped() {
        let source = "# T\n\nGo is fine. The Rust\ntwin is faster.\n\n```rust\n\
                      // Rust is 3 ms faster\n```\n{{#include x.md}}\n\
                      Rust uses 40 MiB. Go starts. Both languages do the same work.\n";
        let found = candidates(source);
        let lines: Vec<usize> = found.iter().map(|s| s.line).collect();
        assert_eq!(lines, [3, 10, 10], "{found:?}");
        assert_eq!(found[0].text, "The Rust twin is faster.");
        assert_eq!(found[1].text, "Rust uses 40 MiB.");
    }

    #[test]
    fn a_sentence_without_both_parts_is_no_candidate() {
        assert!(candidates("Rust has traits. This loop is faster.").is_empty());
        assert!(candidates("We go faster with 3 ms to spare.").is_empty());
        assert!(candidates("In Rust the name is no longer usable.").is_empty());
        assert!(candidates("Go has one more case.").is_empty());
        assert!(candidates("Go shares the same table.").is_empty());
    }

    #[test]
    fn figures_and_phrases_make_candidates() {
        for text in [
            "The Rust twin used 12.5MiB.",
            "Go took 3 s.",
            "Rust served 25 % more.",
            "The twins did the same work.",
            "Go is about as fast as Rust.",
            "Rust needed less memory.",
            "Neither language wins every row.",
        ] {
            assert_eq!(candidates(text).len(), 1, "{text}");
        }
    }
}
