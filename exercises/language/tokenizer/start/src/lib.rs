//! The tokenizer exercise: port `../go/tokenize.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise tokenizer`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::fmt;

// ANCHOR: types
/// Go's `Kind` and the fields it says are set, as one enum: each variant
/// carries its own value, so a `Number` has no `Text` to leave empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Number(i64),
    /// A letter or `_`, then letters, digits and `_` (ASCII only).
    Name(String),
    /// What the quotes hold, escapes resolved (Go's `String`).
    Str(String),
    /// One of `+ - * / ( ) = ,`.
    Op(char),
}

/// Go's `Token`: a token and the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub pos: usize,
}

/// Go's `SyntaxError`, one variant per message; `pos` is a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// A character that starts no token.
    Unexpected { pos: usize, ch: char },
    /// Digits that do not fit an `i64`.
    TooLarge { pos: usize, digits: String },
    /// A string without its closing quote; `pos` is the opening quote's.
    Unterminated { pos: usize },
    /// A backslash in a string followed by anything but `"`, `\` or `n`;
    /// `pos` is the backslash's.
    BadEscape { pos: usize, ch: char },
}

/// Go's `Error` method, word for word: `unexpected character '#' at 4`,
/// `number 99999999999999999999 too large at 4`, `unterminated string at
/// 4`, `bad escape 'q' at 2` (the quotes are Go's `%q` of a rune; Rust's
/// `{:?}` of a `char` writes these the same way).
impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

impl std::error::Error for SyntaxError {}
// ANCHOR_END: types

// ANCHOR: tokenize
/// Go's `Tokenize`: the tokens of `src`, skipping spaces, tabs and
/// newlines, or the first error. Positions are byte offsets, as Go's
/// indexes into a string are, so `"é" + x` has its `+` at 5.
pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    todo!()
}
// ANCHOR_END: tokenize
