//! The config-errors exercise: port `../go/config.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise config-errors`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::fmt;

/// Go's `Config`: what a file sets. `name` and `port` are required; `debug`
/// is false unless the file says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub name: String,
    pub port: u16,
    pub debug: bool,
}

// ANCHOR: error
/// Go's `ParseError` and its four kinds (`ErrNoEquals`, `ErrUnknownKey`,
/// `ErrBadValue`, `ErrMissing`) as one enum: each variant carries what its
/// message needs. Lines count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    NoEquals {
        line: usize,
    },
    UnknownKey {
        line: usize,
        key: String,
    },
    BadValue {
        line: usize,
        key: String,
        value: String,
    },
    Missing {
        key: String,
    },
}

/// Go's `Error` method, word for word: `line 2: expected key = value`,
/// `line 2: unknown key "colour"`, `line 3: bad value "70000" for port`,
/// `missing key "port"` (the quotes are Go's `%q`; Rust's `{:?}` writes
/// these the same way).
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

impl std::error::Error for ConfigError {}
// ANCHOR_END: error

// ANCHOR: parse
/// Go's `Parse`: one `key = value` per line, with the spaces around the key
/// and the value ignored; blank lines and lines starting with `#` are
/// skipped. The keys are `name` (any text but empty), `port` (1 to 65535)
/// and `debug` (`true` or `false`); a key given twice keeps its last value.
/// Returns the first error: a line without `=`, an unknown key, a bad
/// value, or (after the last line) a missing `name`, then `port`.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    todo!()
}
// ANCHOR_END: parse
