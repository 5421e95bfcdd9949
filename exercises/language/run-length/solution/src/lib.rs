//! The reference solution of the run-length exercise:
//! `go/runlength.go` in Rust.

use std::fmt;
use std::fmt::Write as _;

/// Why a text cannot be encoded, or an encoding decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RleError {
    Digit(char),
    MissingCount(char),
    TrailingCount,
}

// ANCHOR: display
impl fmt::Display for RleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RleError::Digit(c) => write!(f, "cannot encode a digit: {c:?}"),
            RleError::MissingCount(c) => write!(f, "missing count before {c:?}"),
            RleError::TrailingCount => f.write_str("count without a character at the end"),
        }
    }
}
// ANCHOR_END: display

impl std::error::Error for RleError {}

// ANCHOR: encode
/// Each run of one character as its length and the character.
pub fn encode(text: &str) -> Result<String, RleError> {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            return Err(RleError::Digit(c));
        }
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        write!(out, "{run}{c}").expect("writing to a String cannot fail");
    }
    Ok(out)
}
// ANCHOR_END: encode

// ANCHOR: decode
/// A count of one or more digits, then the character to repeat.
pub fn decode(encoded: &str) -> Result<String, RleError> {
    let mut out = String::new();
    let mut count = String::new();
    for c in encoded.chars() {
        if c.is_ascii_digit() {
            count.push(c);
            continue;
        }
        let run: usize = count.parse().map_err(|_| RleError::MissingCount(c))?;
        out.extend(std::iter::repeat_n(c, run));
        count.clear();
    }
    if count.is_empty() {
        Ok(out)
    } else {
        Err(RleError::TrailingCount)
    }
}
// ANCHOR_END: decode
