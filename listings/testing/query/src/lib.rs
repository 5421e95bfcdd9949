//! A parser for URL query strings (`a=1&b=two+words&c=%C3%A9`) and the
//! matching formatter: small, but a real parser with real edge cases, which
//! the testing chapter tests with a table, a golden file, a benchmark and a
//! property test.

use std::fmt::Write as _;

// ANCHOR: parse
/// Why a query string could not be parsed. The messages match the Go twin's
/// word for word, because both twins check the same golden file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("bad percent escape at byte {0}")]
    BadEscape(usize),
    #[error("pair {0} is not UTF-8 once decoded")]
    NotUtf8(usize),
}

/// Splits a query string into decoded `(key, value)` pairs, in order.
/// Empty segments (`a=1&&b=2`) are skipped; a segment without `=` is a key
/// with an empty value; `+` is a space; `%XX` is the byte XX.
pub fn parse(query: &str) -> Result<Vec<(String, String)>, ParseError> {
    let mut pairs = Vec::new();
    let mut offset = 0;
    for segment in query.split('&') {
        if !segment.is_empty() {
            let (key, value) = segment.split_once('=').unwrap_or((segment, ""));
            let value_offset = offset + key.len() + 1;
            let n = pairs.len();
            let key = decode(key, offset, n)?;
            let value = decode(value, value_offset, n)?;
            pairs.push((key, value));
        }
        offset += segment.len() + 1;
    }
    Ok(pairs)
}

/// Decodes one key or value; `offset` is where it starts in the query, for
/// error messages, and `pair` its index.
fn decode(text: &str, offset: usize, pair: usize) -> Result<String, ParseError> {
    // Work on bytes: an escape may sit next to a multi-byte character, and
    // slicing a `str` there would panic.
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
                let (Some(high), Some(low)) = (hex(i + 1), hex(i + 2)) else {
                    return Err(ParseError::BadEscape(offset + i));
                };
                out.push((high * 16 + low) as u8);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ParseError::NotUtf8(pair))
}
// ANCHOR_END: parse

// ANCHOR: format
/// Writes pairs as a query string that [`parse`] reads back unchanged.
pub fn format(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(key, &mut out);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

fn encode(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => write!(out, "%{byte:02X}").expect("writing to a String cannot fail"),
        }
    }
}
// ANCHOR_END: format

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    // ANCHOR: table
    #[rstest]
    #[case::empty("", &[])]
    #[case::one_pair("a=1", &[("a", "1")])]
    #[case::keeps_order("b=2&a=1", &[("b", "2"), ("a", "1")])]
    #[case::plus_is_space("q=two+words", &[("q", "two words")])]
    #[case::percent_escapes("c=%C3%A9", &[("c", "é")])]
    #[case::key_without_value("flag", &[("flag", "")])]
    #[case::skips_empty_segments("a=1&&b=2&", &[("a", "1"), ("b", "2")])]
    #[case::only_first_equals_splits("k=a=b", &[("k", "a=b")])]
    fn parses(#[case] query: &str, #[case] want: &[(&str, &str)]) {
        assert_eq!(parse(query), Ok(pairs(want)));
    }

    #[rstest]
    #[case::truncated_escape("a=%4", ParseError::BadEscape(2))]
    #[case::not_hex("a=1&b=%zz", ParseError::BadEscape(6))]
    #[case::escape_before_multibyte("a=%é", ParseError::BadEscape(2))]
    #[case::escape_cut_by_multibyte("a=%1é", ParseError::BadEscape(2))]
    #[case::invalid_utf8("a=1&b=%FF", ParseError::NotUtf8(1))]
    fn rejects(#[case] query: &str, #[case] want: ParseError) {
        assert_eq!(parse(query), Err(want));
    }
    // ANCHOR_END: table

    #[test]
    fn format_escapes_what_parse_would_misread() {
        let input = pairs(&[("a b", "x&y=z"), ("é", "100%")]);
        assert_eq!(format(&input), "a+b=x%26y%3Dz&%C3%A9=100%25");
        assert_eq!(parse(&format(&input)), Ok(input));
    }
}
