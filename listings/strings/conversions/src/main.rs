//! Strings to bytes and back. `as_bytes` borrows, `into_bytes` and
//! `String::from_utf8` hand one buffer over without copying it, and the way
//! back checks UTF-8, where Go's conversions copy and accept any bytes.

use std::string::FromUtf8Error;

// ANCHOR: shout
/// Upper-cases the ASCII letters of `s`, in its own buffer.
fn shout_ascii(s: String) -> String {
    let mut bytes = s.into_bytes(); // the String's buffer, now a Vec<u8>
    bytes.make_ascii_uppercase();
    String::from_utf8(bytes).expect("changing ASCII letters keeps UTF-8 valid")
}
// ANCHOR_END: shout

// ANCHOR: decode
/// The bytes as a `String`, or an error saying where the UTF-8 breaks.
fn decode(bytes: Vec<u8>) -> Result<String, FromUtf8Error> {
    String::from_utf8(bytes)
}
// ANCHOR_END: decode

// ANCHOR: main
fn main() {
    let s = "gopher";
    let bytes: &[u8] = s.as_bytes(); // borrowed, no copy
    assert_eq!(bytes[0], b'g');
    println!("{}", shout_ascii(String::from("café")));
    match decode(vec![b'c', b'a', b'f', 0xE9]) {
        Ok(text) => println!("{text}"),
        Err(e) => println!("not UTF-8: {e}"),
    }
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shouts_ascii_only() {
        let cases = [("go", "GO"), ("café", "CAFé")];
        for (s, want) in cases {
            assert_eq!(shout_ascii(s.to_string()), want, "shout_ascii({s:?})");
        }
    }

    #[test]
    fn conversions_hand_over_the_buffer() {
        let s = String::from("gopher");
        let start = s.as_ptr();
        assert_eq!(s.as_bytes().as_ptr(), start, "as_bytes borrows");
        let bytes = s.into_bytes();
        assert_eq!(bytes.as_ptr(), start, "into_bytes keeps the buffer");
        let back = String::from_utf8(bytes).unwrap();
        assert_eq!(back.as_ptr(), start, "from_utf8 keeps the buffer");
    }

    #[test]
    fn decode_rejects_what_is_not_utf8() {
        let err = decode(vec![b'c', b'a', b'f', 0xE9]).unwrap_err();
        assert_eq!(err.utf8_error().valid_up_to(), 3);
        assert_eq!(String::from_utf8_lossy(err.as_bytes()), "caf\u{FFFD}");
        assert_eq!(err.into_bytes(), b"caf\xE9", "the bytes come back");
    }
}
// ANCHOR_END: tests
