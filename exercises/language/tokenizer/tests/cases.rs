//! The tokenizer exercise's tests, case for case the Go tests of
//! `go/tokenize_test.go` under the same names. Your port (`start/`) and the
//! reference solution (`solution/`) both run this file: `cargo xtask
//! exercise tokenizer` runs it against yours.

use tokenizer::{Kind, SyntaxError, Token, tokenize};

fn num(pos: usize, value: i64) -> Token {
    Token {
        kind: Kind::Number(value),
        pos,
    }
}

fn name(pos: usize, text: &str) -> Token {
    Token {
        kind: Kind::Name(text.to_owned()),
        pos,
    }
}

fn string(pos: usize, text: &str) -> Token {
    Token {
        kind: Kind::Str(text.to_owned()),
        pos,
    }
}

fn op(pos: usize, c: char) -> Token {
    Token {
        kind: Kind::Op(c),
        pos,
    }
}

/// Checks that `tokenize(src)` gives `want`, reporting at the case's line.
#[track_caller]
fn check_ok(src: &str, want: Vec<Token>) {
    assert_eq!(tokenize(src), Ok(want), "tokenize({src:?})");
}

/// Checks that `tokenize(src)` fails with `want`, whose message is
/// `message` (Go's `err.Error()`), reporting at the case's line.
#[track_caller]
fn check_err(src: &str, want: SyntaxError, message: &str) {
    let got = tokenize(src);
    assert_eq!(got, Err(want), "tokenize({src:?})");
    if let Err(error) = got {
        assert_eq!(error.to_string(), message, "the message of {error:?}");
    }
}

#[test]
fn empty_input_has_no_tokens() {
    check_ok(" \t\n", vec![]);
}

#[test]
fn numbers_names_and_operators() {
    check_ok(
        "total = price*2 + f(x, 10)",
        vec![
            name(0, "total"),
            op(6, '='),
            name(8, "price"),
            op(13, '*'),
            num(14, 2),
            op(16, '+'),
            name(18, "f"),
            op(19, '('),
            name(20, "x"),
            op(21, ','),
            num(23, 10),
            op(25, ')'),
        ],
    );
}

#[test]
fn names_hold_digits_and_underscores() {
    check_ok("_a1 2b", vec![name(0, "_a1"), num(4, 2), name(5, "b")]);
}

#[test]
fn strings_resolve_escapes() {
    check_ok(
        r#"s = "a\"b\\c\n""#,
        vec![name(0, "s"), op(2, '='), string(4, "a\"b\\c\n")],
    );
}

#[test]
fn positions_count_bytes() {
    check_ok(r#""é" + x"#, vec![string(0, "é"), op(5, '+'), name(7, "x")]);
}

#[test]
fn an_unexpected_character_is_an_error() {
    check_err(
        "1 + #",
        SyntaxError::Unexpected { pos: 4, ch: '#' },
        "unexpected character '#' at 4",
    );
}

#[test]
fn a_letter_beyond_ascii_is_unexpected() {
    check_err(
        "x = é",
        SyntaxError::Unexpected { pos: 4, ch: 'é' },
        "unexpected character 'é' at 4",
    );
}

#[test]
fn a_number_too_large_is_an_error() {
    check_err(
        "1 + 99999999999999999999",
        SyntaxError::TooLarge {
            pos: 4,
            digits: "99999999999999999999".to_owned(),
        },
        "number 99999999999999999999 too large at 4",
    );
}

#[test]
fn an_unterminated_string_is_an_error() {
    check_err(
        r#"x = "abc"#,
        SyntaxError::Unterminated { pos: 4 },
        "unterminated string at 4",
    );
}

#[test]
fn a_backslash_at_the_end_is_unterminated() {
    check_err(
        r#"x = "ab\"#,
        SyntaxError::Unterminated { pos: 4 },
        "unterminated string at 4",
    );
}

#[test]
fn a_bad_escape_is_an_error() {
    check_err(
        r#""a\qb""#,
        SyntaxError::BadEscape { pos: 2, ch: 'q' },
        "bad escape 'q' at 2",
    );
}
