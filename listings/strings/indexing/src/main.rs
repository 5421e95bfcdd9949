//! Reading a string by position. A `str` has no integer index: its bytes
//! are reached through `as_bytes`, its characters through `chars`, and both
//! say with `Option` when there is nothing there.

// ANCHOR: first
/// The first byte of `s`, or `None` when it is empty.
fn first_byte(s: &str) -> Option<u8> {
    s.as_bytes().first().copied()
}

/// The first character of `s`, or `None` when it is empty.
fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}
// ANCHOR_END: first

// ANCHOR: main
fn main() {
    let s = "été";
    assert_eq!(s.as_bytes()[0], 0xC3); // a byte, as Go's s[0]; panics if out of range
    assert_eq!(first_byte(s), Some(0xC3));
    assert_eq!(first_char(s), Some('é'));
    assert_eq!(s.chars().nth(1), Some('t')); // walks from the start
    println!("{s} starts with {:?}", first_char(s));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first() {
        let cases = [
            ("Go", Some(b'G'), Some('G')),
            ("été", Some(0xC3), Some('é')),
            ("", None, None),
        ];
        for (s, byte, char) in cases {
            assert_eq!(first_byte(s), byte, "first_byte({s:?})");
            assert_eq!(first_char(s), char, "first_char({s:?})");
        }
    }
}
// ANCHOR_END: tests
