//! What the three differential suites share: the seed and case count of a
//! run, where a failing run's report goes, and the rule for the reasons
//! their `INHERENT` lists give.
//!
//! Each suite generates its own cases and compares its own answers; this
//! module holds only the plumbing around that, so the three read the
//! environment, name their reports and judge their reasons the same way.

use std::fmt::Debug;
use std::time::{SystemTime, UNIX_EPOCH};

/// The seed and the number of cases of a run: `default_seed` and
/// `default_cases` unless `DIFFERENTIAL_SEED` (a number, or `random` for
/// one taken from the clock) or `DIFFERENTIAL_CASES` (a number) say
/// otherwise. A value that is neither fails the test that asked, naming
/// the variable.
pub fn settings(default_seed: u64, default_cases: u32) -> (u64, u32) {
    let seed = std::env::var("DIFFERENTIAL_SEED").ok();
    let cases = std::env::var("DIFFERENTIAL_CASES").ok();
    settings_from(
        seed.as_deref(),
        cases.as_deref(),
        default_seed,
        default_cases,
    )
}

fn settings_from(
    seed: Option<&str>,
    cases: Option<&str>,
    default_seed: u64,
    default_cases: u32,
) -> (u64, u32) {
    let seed = match seed {
        None => default_seed,
        // Small enough to type back in: the report says to rerun with it.
        Some("random") => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .expect("the clock is past 1970");
            (now.as_nanos() as u64 ^ u64::from(std::process::id())) % 1_000_000_000
        }
        Some(s) => s
            .parse()
            .unwrap_or_else(|_| panic!("DIFFERENTIAL_SEED={s:?}: want a number or `random`")),
    };
    let cases = cases.map_or(default_cases, |s| {
        s.parse()
            .unwrap_or_else(|_| panic!("DIFFERENTIAL_CASES={s:?}: want a number"))
    });
    (seed, cases)
}

/// Writes a failing run's report to `target/differential/<suite>-<seed>.txt`
/// (under `CARGO_TARGET_DIR` when set) and says where, for the panic
/// message: `written to PATH`, or why it could not be.
pub fn write_report(suite: &str, seed: u64, report: &str) -> String {
    let dir = crate::target_dir().join("differential");
    let file = dir.join(format!("{suite}-{seed}.txt"));
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, report)) {
        Ok(()) => format!("written to {}", file.display()),
        Err(e) => format!("could not be written to {}: {e}", file.display()),
    }
}

/// The fewest words a reason in an `INHERENT` list may have: a sentence
/// that says why the difference is inherent, not a label.
pub const REASON_WORDS: usize = 8;

/// Fails, naming each entry, when an `INHERENT` entry's reason is shorter
/// than [`REASON_WORDS`] words. Pass each entry with its reason.
#[track_caller]
pub fn assert_reasons<'a, E: Debug + 'a>(entries: impl IntoIterator<Item = (&'a E, &'a str)>) {
    let short: Vec<String> = entries
        .into_iter()
        .filter(|(_, reason)| reason.split_whitespace().count() < REASON_WORDS)
        .map(|(entry, reason)| format!("{entry:?}: {reason:?}"))
        .collect();
    assert!(
        short.is_empty(),
        "give each of these inherent differences its reason in a sentence of {REASON_WORDS} \
         words or more:\n{}",
        short.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_defaults() {
        assert_eq!(settings_from(None, None, 7, 100), (7, 100));
        assert_eq!(settings_from(Some("42"), Some("5"), 7, 100), (42, 5));
        let (random, _) = settings_from(Some("random"), None, 7, 100);
        assert!(random < 1_000_000_000);
    }

    #[test]
    #[should_panic(expected = "DIFFERENTIAL_SEED=\"soon\": want a number or `random`")]
    fn a_seed_that_is_not_a_number_is_refused() {
        settings_from(Some("soon"), None, 7, 100);
    }

    #[test]
    #[should_panic(expected = "DIFFERENTIAL_CASES=\"many\": want a number")]
    fn a_case_count_that_is_not_a_number_is_refused() {
        settings_from(None, Some("many"), 7, 100);
    }

    #[test]
    #[should_panic(expected = "\"status\": \"it differs\"")]
    fn a_reason_that_is_no_sentence_is_refused() {
        let entries = [
            ("status", "it differs"),
            (
                "body",
                "each language words its own errors, and the contract fixes only the code",
            ),
        ];
        assert_reasons(entries.iter().map(|(what, reason)| (what, *reason)));
    }
}
