//! The run-length exercise's tests, case for case the Go tests of
//! `go/runlength_test.go` under the same names. Your port (`start/`) and
//! the reference solution (`solution/`) both run this file: `cargo xtask
//! exercise run-length` runs it against yours.

use run_length::{RleError, decode, encode};

/// Checks `encode(text)` and, for an error, its message (Go's
/// `err.Error()`), reporting at the case's line.
#[track_caller]
fn check_encode(text: &str, want: Result<&str, RleError>, message: &str) {
    let got = encode(text);
    assert_eq!(got.as_deref(), want.as_deref(), "encode({text:?})");
    if let Err(error) = got {
        assert_eq!(error.to_string(), message, "the message of {error:?}");
    }
}

/// The same for `decode(encoded)`.
#[track_caller]
fn check_decode(encoded: &str, want: Result<&str, RleError>, message: &str) {
    let got = decode(encoded);
    assert_eq!(got.as_deref(), want.as_deref(), "decode({encoded:?})");
    if let Err(error) = got {
        assert_eq!(error.to_string(), message, "the message of {error:?}");
    }
}

#[test]
fn encodes_runs() {
    check_encode("aaabcc", Ok("3a1b2c"), "");
}

#[test]
fn empty_encodes_to_empty() {
    check_encode("", Ok(""), "");
}

#[test]
fn runs_are_of_characters_not_bytes() {
    check_encode("ééé€", Ok("3é1€"), "");
}

#[test]
fn digits_cannot_be_encoded() {
    check_encode(
        "ab1",
        Err(RleError::Digit('1')),
        "cannot encode a digit: '1'",
    );
}

#[test]
fn decodes_runs() {
    check_decode("3a1b2c", Ok("aaabcc"), "");
}

#[test]
fn counts_can_have_several_digits() {
    check_decode("12x", Ok(&"x".repeat(12)), "");
}

#[test]
fn a_character_without_a_count_is_an_error() {
    check_decode(
        "3ab",
        Err(RleError::MissingCount('b')),
        "missing count before 'b'",
    );
}

#[test]
fn a_count_at_the_end_is_an_error() {
    check_decode(
        "3a2",
        Err(RleError::TrailingCount),
        "count without a character at the end",
    );
}

#[test]
fn decoding_an_encoding_gives_the_text_back() {
    let text = "hello, wörld!!!";
    let encoded = encode(text).unwrap_or_else(|e| panic!("encode({text:?}): {e}"));
    assert_eq!(
        decode(&encoded).as_deref(),
        Ok(text),
        "decode(encode({text:?}))"
    );
}
