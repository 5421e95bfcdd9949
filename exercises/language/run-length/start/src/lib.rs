//! The run-length exercise: port `../go/runlength.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise run-length`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::fmt;

/// Go's three sentinel errors as one enum; the variants carry the
/// character that Go's messages quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RleError {
    /// `ErrDigit`: a digit in the text, which would read as a count.
    Digit(char),
    /// `ErrMissingCount`: a character with no count before it.
    MissingCount(char),
    /// `ErrTrailingCount`: a count at the end, with no character after it.
    TrailingCount,
}

// ANCHOR: display
/// Go's messages, word for word: `cannot encode a digit: '1'`, `missing
/// count before 'b'`, `count without a character at the end` (the quotes
/// are Go's `%q`; Rust's `{:?}` writes these characters the same way).
impl fmt::Display for RleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}
// ANCHOR_END: display

impl std::error::Error for RleError {}

// ANCHOR: encode
/// Go's `Encode`: each run of one character (a `char`, not a byte) as the
/// run's length in decimal followed by the character: `"aaab"` is `"3a1b"`.
/// A digit (`0` to `9`) in `text` is an error.
pub fn encode(text: &str) -> Result<String, RleError> {
    todo!()
}
// ANCHOR_END: encode

// ANCHOR: decode
/// Go's `Decode`: reverses `encode`. A count is one or more digits, then
/// comes the character to repeat that many times. A character with no count
/// before it, or a count at the end, is an error.
pub fn decode(encoded: &str) -> Result<String, RleError> {
    todo!()
}
// ANCHOR_END: decode
