//! The reference solution of the tokenizer exercise: `go/tokenize.go` in
//! Rust.

use std::fmt;
use std::iter::Peekable;
use std::str::CharIndices;

// ANCHOR: types
/// What a token is, with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Number(i64),
    Name(String),
    Str(String),
    Op(char),
}

/// A token and the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub pos: usize,
}

/// What is wrong, and at which byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    Unexpected { pos: usize, ch: char },
    TooLarge { pos: usize, digits: String },
    Unterminated { pos: usize },
    BadEscape { pos: usize, ch: char },
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxError::Unexpected { pos, ch } => {
                write!(f, "unexpected character {ch:?} at {pos}")
            }
            SyntaxError::TooLarge { pos, digits } => {
                write!(f, "number {digits} too large at {pos}")
            }
            SyntaxError::Unterminated { pos } => {
                write!(f, "unterminated string at {pos}")
            }
            SyntaxError::BadEscape { pos, ch } => write!(f, "bad escape {ch:?} at {pos}"),
        }
    }
}

impl std::error::Error for SyntaxError {}
// ANCHOR_END: types

// ANCHOR: tokenize
/// The characters of the source, each with its byte offset.
type Chars<'a> = Peekable<CharIndices<'a>>;

/// The tokens of `src`, or the first error.
pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut tokens = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        let kind = match c {
            ' ' | '\t' | '\n' => continue,
            '0'..='9' => {
                let end = end_of(&mut chars, src, |c| c.is_ascii_digit());
                let digits = &src[pos..end];
                let value = digits.parse().map_err(|_| SyntaxError::TooLarge {
                    pos,
                    digits: digits.to_owned(),
                })?;
                Kind::Number(value)
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                let in_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
                let end = end_of(&mut chars, src, in_name);
                Kind::Name(src[pos..end].to_owned())
            }
            '"' => Kind::Str(read_string(&mut chars, pos)?),
            '+' | '-' | '*' | '/' | '(' | ')' | '=' | ',' => Kind::Op(c),
            ch => return Err(SyntaxError::Unexpected { pos, ch }),
        };
        tokens.push(Token { kind, pos });
    }
    Ok(tokens)
}

/// Skips the characters that `keep`, and returns the offset of the first
/// one it does not (the end of `src` when there is none).
fn end_of(chars: &mut Chars, src: &str, keep: impl Fn(char) -> bool) -> usize {
    while chars.next_if(|&(_, c)| keep(c)).is_some() {}
    chars.peek().map_or(src.len(), |&(pos, _)| pos)
}

/// Reads a string whose opening quote, at `start`, is already read.
fn read_string(chars: &mut Chars, start: usize) -> Result<String, SyntaxError> {
    let mut text = String::new();
    while let Some((pos, c)) = chars.next() {
        match c {
            '"' => return Ok(text),
            '\\' => match chars.next() {
                Some((_, '"')) => text.push('"'),
                Some((_, '\\')) => text.push('\\'),
                Some((_, 'n')) => text.push('\n'),
                Some((_, ch)) => return Err(SyntaxError::BadEscape { pos, ch }),
                None => break,
            },
            c => text.push(c),
        }
    }
    Err(SyntaxError::Unterminated { pos: start })
}
// ANCHOR_END: tokenize
