//! Byte offsets and character boundaries. A `str` is always valid UTF-8,
//! so slicing one inside a character panics; `get` and
//! `floor_char_boundary` are the checked ways to cut.

// ANCHOR: truncate
/// The longest prefix of `s` that fits in `n` bytes without cutting a
/// character in two.
fn truncate(s: &str, n: usize) -> &str {
    &s[..s.floor_char_boundary(n)]
}
// ANCHOR_END: truncate

// ANCHOR: main
fn main() {
    let s = "héllo"; // 'é' is bytes 1 and 2
    assert!(s.is_char_boundary(1));
    assert!(!s.is_char_boundary(2));
    assert_eq!(s.get(..2), None); // checked: None where &s[..2] panics
    assert_eq!(s.get(..3), Some("hé"));
    println!("{}", truncate(s, 2));
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: panic
    #[test]
    #[should_panic(expected = "byte index 2 is not a char boundary; it is inside 'é'")]
    fn slicing_inside_a_character_panics() {
        let s = String::from("héllo");
        let cut = &s[..2];
        println!("never printed: {cut}");
    }
    // ANCHOR_END: panic

    // ANCHOR: tests
    #[test]
    fn truncate_keeps_whole_characters() {
        let cases = [
            ("héllo", 1, "h"),
            ("héllo", 2, "h"),
            ("héllo", 3, "hé"),
            ("🦀🦀", 5, "🦀"),
            ("short", 10, "short"),
        ];
        for (s, n, want) in cases {
            assert_eq!(truncate(s, n), want, "truncate({s:?}, {n})");
        }
    }
    // ANCHOR_END: tests
}
