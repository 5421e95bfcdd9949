//! The kinds of job the queue runs, and what running one means.
//!
//! The kinds are few on purpose: one computes something from its payload,
//! one always fails, and one sleeps, which lets tests and the benchmark keep
//! a worker busy for as long as they need.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The longest a `sleep` job may ask for; longer requests are refused, so
/// one client cannot hold a worker (or a shutdown) hostage.
pub const MAX_SLEEP_MS: u64 = 10_000;

// ANCHOR: spec
/// What a client asks for: `{"kind": "...", "payload": {...}}`.
///
/// serde reads `kind` to choose the variant and `payload` for its fields,
/// so an unknown kind or a missing field is an error before any job exists.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "kind", content = "payload", rename_all = "lowercase")]
pub enum Spec {
    /// Counts the words and bytes of `text`.
    Wordcount { text: String },
    /// Fails with `message`, to show how failures are reported.
    Fail { message: String },
    /// Sleeps for `ms` milliseconds (at most [`MAX_SLEEP_MS`]).
    Sleep { ms: u64 },
}
// ANCHOR_END: spec

/// Why a well-formed spec is still refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum InvalidSpec {
    #[error("sleep ms must be at most {MAX_SLEEP_MS}, got {0}")]
    SleepTooLong(u64),
}

/// Why a job failed; reported as the job's `error`.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{0}")]
pub struct JobFailed(String);

impl Spec {
    /// The kind's name, as clients spell it.
    pub fn kind(&self) -> &'static str {
        match self {
            Spec::Wordcount { .. } => "wordcount",
            Spec::Fail { .. } => "fail",
            Spec::Sleep { .. } => "sleep",
        }
    }

    /// Checks what the types cannot say.
    pub fn validate(&self) -> Result<(), InvalidSpec> {
        match *self {
            Spec::Sleep { ms } if ms > MAX_SLEEP_MS => Err(InvalidSpec::SleepTooLong(ms)),
            _ => Ok(()),
        }
    }

    /// Runs the job; the result is what `GET /jobs/{id}` shows.
    pub async fn run(self) -> Result<Value, JobFailed> {
        match self {
            Spec::Wordcount { text } => Ok(json!(count(&text))),
            Spec::Fail { message } => Err(JobFailed(message)),
            Spec::Sleep { ms } => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                Ok(json!({ "slept_ms": ms }))
            }
        }
    }
}

/// The result of a `wordcount` job.
#[derive(Debug, PartialEq, Serialize)]
pub struct Count {
    pub words: usize,
    pub bytes: usize,
}

/// Words are separated by Unicode white space, as Go's `strings.Fields` does.
pub fn count(text: &str) -> Count {
    Count {
        words: text.split_whitespace().count(),
        bytes: text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_bytes() {
        let cases = [
            ("empty", "", 0, 0),
            ("one word", "gopher", 1, 6),
            ("runs of spaces", "  a \t b\n c  ", 3, 12),
            ("non-ASCII", "héllo wörld", 2, 13),
        ];
        for (name, text, words, bytes) in cases {
            assert_eq!(count(text), Count { words, bytes }, "{name}");
        }
    }

    #[test]
    fn reads_specs_from_json() {
        let cases = [
            (
                r#"{"kind":"wordcount","payload":{"text":"a b"}}"#,
                Some(Spec::Wordcount { text: "a b".into() }),
            ),
            (
                r#"{"kind":"sleep","payload":{"ms":5}}"#,
                Some(Spec::Sleep { ms: 5 }),
            ),
            (r#"{"kind":"explode","payload":{}}"#, None),
            (r#"{"kind":"sleep","payload":{}}"#, None),
            (r#"{"payload":{"ms":5}}"#, None),
        ];
        for (json, want) in cases {
            assert_eq!(serde_json::from_str::<Spec>(json).ok(), want, "{json}");
        }
    }

    #[test]
    fn refuses_long_sleeps() {
        assert_eq!(Spec::Sleep { ms: MAX_SLEEP_MS }.validate(), Ok(()));
        assert_eq!(
            Spec::Sleep {
                ms: MAX_SLEEP_MS + 1
            }
            .validate(),
            Err(InvalidSpec::SleepTooLong(MAX_SLEEP_MS + 1))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn runs_each_kind() {
        let done = Spec::Wordcount { text: "a b".into() }.run().await;
        assert_eq!(done, Ok(json!({ "words": 2, "bytes": 3 })));
        let failed = Spec::Fail {
            message: "boom".into(),
        }
        .run()
        .await;
        assert_eq!(failed, Err(JobFailed("boom".into())));
        let slept = Spec::Sleep { ms: 50 }.run().await;
        assert_eq!(slept, Ok(json!({ "slept_ms": 50 })));
    }
}
