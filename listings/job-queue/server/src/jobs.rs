//! The kinds of job the queue runs, and what running one means.
//!
//! The kinds are few on purpose: one computes something from its payload,
//! one always fails, and one sleeps, which lets tests and the benchmark keep
//! a worker busy for as long as they need. Two more are there for tests of
//! the workers: `spin` keeps a CPU busy until enough `spin` jobs run at the
//! same moment, and `panic` panics.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The longest a `sleep` job may ask for; longer requests are refused, so
/// one client cannot hold a worker (or a shutdown) hostage.
pub const MAX_SLEEP_MS: u64 = 10_000;

/// The most `spin` jobs that may be asked to run at once.
pub const MAX_PARTIES: u64 = 64;

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
    /// Keeps a CPU busy until `parties` spin jobs run at once (done), or
    /// for `ms` milliseconds (failed); at most [`MAX_PARTIES`] and
    /// [`MAX_SLEEP_MS`].
    Spin { parties: u64, ms: u64 },
    /// Panics with `message`, to show that only this job fails.
    Panic { message: String },
}
// ANCHOR_END: spec

/// Why a request body is not a job.
#[derive(Debug, thiserror::Error)]
pub enum BadSpec {
    /// Not JSON: a syntax error, trailing data, invalid UTF-8, a lone
    /// surrogate, nesting deeper than serde_json's 127 levels, or a number
    /// beyond `f64`.
    #[error("malformed JSON: {0}")]
    Malformed(serde_json::Error),
    /// JSON, but not a job.
    #[error("invalid job: {0}")]
    Invalid(String),
}

/// Why a well-formed spec is still refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum InvalidSpec {
    #[error("ms must be at most {MAX_SLEEP_MS}, got {0}")]
    SleepTooLong(u64),
    #[error("spin parties must be from 1 to {MAX_PARTIES}, got {0}")]
    Parties(u64),
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
            Spec::Spin { .. } => "spin",
            Spec::Panic { .. } => "panic",
        }
    }

    // ANCHOR: from_json
    /// Reads a job from a request body. Through a `Value` first: serde would
    /// read a struct, or this enum, from an array too (`["sleep", {"ms": 1}]`),
    /// and it refuses a field given twice, where the contract (like Go's
    /// `encoding/json`) takes the last.
    pub fn from_json(body: &[u8]) -> Result<Spec, BadSpec> {
        let value: Value = serde_json::from_slice(body).map_err(BadSpec::Malformed)?;
        if !value.is_object() {
            return Err(BadSpec::Invalid(format!(
                "a job is a JSON object, not {value}"
            )));
        }
        if value
            .get("payload")
            .is_some_and(|payload| !payload.is_object())
        {
            return Err(BadSpec::Invalid("the payload is a JSON object".into()));
        }
        Spec::deserialize(value).map_err(|e| BadSpec::Invalid(e.to_string()))
    }
    // ANCHOR_END: from_json

    /// Checks what the types cannot say.
    pub fn validate(&self) -> Result<(), InvalidSpec> {
        match *self {
            Spec::Sleep { ms } | Spec::Spin { ms, .. } if ms > MAX_SLEEP_MS => {
                Err(InvalidSpec::SleepTooLong(ms))
            }
            Spec::Spin { parties, .. } if !(1..=MAX_PARTIES).contains(&parties) => {
                Err(InvalidSpec::Parties(parties))
            }
            _ => Ok(()),
        }
    }

    // ANCHOR: run
    /// Runs the job; the result is what `GET /jobs/{id}` shows. Work that
    /// keeps a CPU busy goes to tokio's blocking threads, so that it runs
    /// in parallel with other jobs and never holds up the async ones.
    pub async fn run(self) -> Result<Value, JobFailed> {
        match self {
            Spec::Wordcount { text } => Ok(json!(count(&text))),
            Spec::Fail { message } => Err(JobFailed(message)),
            Spec::Sleep { ms } => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                Ok(json!({ "slept_ms": ms }))
            }
            Spec::Spin { parties, ms } => {
                match tokio::task::spawn_blocking(move || spin(parties, ms)).await {
                    Ok(outcome) => outcome,
                    Err(e) => std::panic::resume_unwind(e.into_panic()),
                }
            }
            Spec::Panic { message } => panic!("{message}"),
        }
    }
    // ANCHOR_END: run
}

/// How many `spin` jobs have started, for each number of parties.
static SPIN_ARRIVALS: [AtomicU64; MAX_PARTIES as usize + 1] =
    [const { AtomicU64::new(0) }; MAX_PARTIES as usize + 1];

/// Busy-waits, never sleeping or yielding, until `parties` spin jobs have
/// started in this job's round: the jobs of a round can only all finish if
/// they run at the same moment, on as many threads.
fn spin(parties: u64, ms: u64) -> Result<Value, JobFailed> {
    let arrivals = &SPIN_ARRIVALS[parties as usize];
    let ticket = arrivals.fetch_add(1, Ordering::SeqCst);
    let round_start = ticket / parties * parties;
    let deadline = Instant::now() + Duration::from_millis(ms);
    loop {
        let arrived = arrivals.load(Ordering::SeqCst) - round_start;
        if arrived >= parties {
            return Ok(json!({ "parties": parties }));
        }
        if Instant::now() >= deadline {
            return Err(JobFailed(format!(
                "only {arrived} of {parties} spin jobs ran at once within {ms} ms"
            )));
        }
        std::hint::spin_loop();
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
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
    use serde_json::json;

    use super::*;

    /// Bodies that are mostly jobs: a `kind`, a payload with fields picked
    /// from the kinds' names and a few others, values of every kind (a lone
    /// surrogate, a number beyond f64 among them), now and then a second
    /// `kind`, and sometimes something after the object.
    fn bodies() -> impl Strategy<Value = String> {
        let kinds = prop::sample::select(
            &[
                r#""wordcount""#,
                r#""fail""#,
                r#""sleep""#,
                r#""spin""#,
                r#""shout""#,
                "1",
            ][..],
        );
        let keys = prop::sample::select(&["text", "message", "ms", "parties", "MS", "x"][..]);
        let values = prop::sample::select(
            &[
                r#""a b""#,
                r#""\ud800""#,
                "0",
                "5",
                "10001",
                "-1",
                "1.5",
                "1e400",
                "null",
                "[]",
            ][..],
        );
        let fields = prop::collection::vec((keys, values), 0..4);
        let tail = prop::sample::select(&["", "", " ", r#","kind":"sleep""#, "}"][..]);
        (kinds, fields, tail).prop_map(|(kind, fields, tail)| {
            let payload: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!(r#""{k}":{v}"#))
                .collect();
            format!(
                r#"{{"kind":{kind},"payload":{{{}}}{tail}}}"#,
                payload.join(",")
            )
        })
    }

    /// A spec as a client writes it.
    fn written(spec: &Spec) -> String {
        let payload = match spec {
            Spec::Wordcount { text } => json!({ "text": text }),
            Spec::Fail { message } | Spec::Panic { message } => json!({ "message": message }),
            Spec::Sleep { ms } => json!({ "ms": ms }),
            Spec::Spin { parties, ms } => json!({ "parties": parties, "ms": ms }),
        };
        json!({ "kind": spec.kind(), "payload": payload }).to_string()
    }

    proptest! {
        #![proptest_config(Config {
            cases: 2_000,
            rng_seed: RngSeed::Fixed(0x5EED),
            rng_algorithm: RngAlgorithm::ChaCha,
            ..Config::default()
        })]

        /// What the Go twin's FuzzParseJob (fuzz_test.go) checks: whatever
        /// the body, reading it never panics, and a job it accepts, written
        /// back as a client writes it, reads as the same job and is valid
        /// or not the same way.
        #[test]
        fn an_accepted_body_written_back_reads_the_same(body in bodies()) {
            if let Ok(spec) = Spec::from_json(body.as_bytes()) {
                let again = written(&spec);
                let read = Spec::from_json(again.as_bytes());
                prop_assert!(matches!(&read, Ok(s) if *s == spec), "{} written back as {}: {:?}", body, again, read);
                prop_assert_eq!(spec.validate(), read.unwrap().validate());
            }
        }

        /// Any bytes at all: reading them never panics.
        #[test]
        fn reading_any_bytes_never_panics(body in prop::collection::vec(any::<u8>(), 0..64)) {
            let _ = Spec::from_json(&body);
        }
    }

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

    /// The job-queue chapter quotes this message.
    #[test]
    fn an_unknown_kind_names_every_kind() {
        let error = serde_json::from_str::<Spec>(r#"{"kind":"explode","payload":{}}"#)
            .expect_err("no such kind");
        assert_eq!(
            error.to_string(),
            "unknown variant `explode`, expected one of `wordcount`, `fail`, `sleep`, `spin`, `panic` at line 1 column 17"
        );
    }

    #[test]
    fn reads_a_body_as_the_contract_says() {
        let sleep = Some(Spec::Sleep { ms: 1 });
        let deep = |n: usize| {
            let arrays = "[".repeat(n - 1) + &"]".repeat(n - 1);
            format!(r#"{{"kind":"sleep","payload":{{"ms":1}},"x":{arrays}}}"#)
        };
        // `None` for an error: `Some(true)` malformed (400), `Some(false)`
        // invalid (422).
        let cases: [(&str, Option<bool>, Option<Spec>); 9] = [
            (
                r#"{"kind":"sleep","payload":{"ms":1}}"#,
                None,
                sleep.clone(),
            ),
            (
                r#"{"kind":"fail","kind":"sleep","payload":{"ms":1}}"#,
                None,
                sleep.clone(),
            ),
            (r#"{"KIND":"sleep","payload":{"ms":1}}"#, Some(false), None),
            (r#"["sleep",{"ms":1}]"#, Some(false), None),
            (r#"{"kind":"sleep","payload":[1]}"#, Some(false), None),
            (r#"{"kind":"sleep","payload":{"ms":1}} x"#, Some(true), None),
            (
                r#"{"kind":"sleep","payload":{"ms":1},"n":1e400}"#,
                Some(true),
                None,
            ),
            (&deep(127), None, sleep.clone()),
            (&deep(128), Some(true), None),
        ];
        for (body, malformed, want) in cases {
            let got = Spec::from_json(body.as_bytes());
            let kind = got
                .as_ref()
                .err()
                .map(|e| matches!(e, BadSpec::Malformed(_)));
            assert_eq!((kind, got.ok()), (malformed, want), "{body:.60}");
        }
    }

    #[test]
    fn refuses_long_sleeps_and_impossible_spins() {
        let cases = [
            (Spec::Sleep { ms: MAX_SLEEP_MS }, Ok(())),
            (
                Spec::Sleep {
                    ms: MAX_SLEEP_MS + 1,
                },
                Err(InvalidSpec::SleepTooLong(MAX_SLEEP_MS + 1)),
            ),
            (Spec::Spin { parties: 1, ms: 1 }, Ok(())),
            (
                Spec::Spin { parties: 0, ms: 1 },
                Err(InvalidSpec::Parties(0)),
            ),
            (
                Spec::Spin {
                    parties: MAX_PARTIES + 1,
                    ms: 1,
                },
                Err(InvalidSpec::Parties(MAX_PARTIES + 1)),
            ),
            (
                Spec::Spin {
                    parties: 2,
                    ms: MAX_SLEEP_MS + 1,
                },
                Err(InvalidSpec::SleepTooLong(MAX_SLEEP_MS + 1)),
            ),
        ];
        for (spec, want) in cases {
            assert_eq!(spec.validate(), want, "{spec:?}");
        }
    }

    #[test]
    fn a_lone_spin_fails_after_its_time() {
        assert_eq!(spin(1, 0), Ok(json!({ "parties": 1 })));
        let lonely = spin(MAX_PARTIES, 10).unwrap_err();
        assert!(lonely.0.contains("of 64 spin jobs"), "{lonely}");
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
