//! Walking a string one character at a time: `char_indices` yields byte
//! offsets and `char`s, as Go's `for i, r := range s` does, and `chars`
//! yields the characters alone.

// ANCHOR: positions
/// The characters of `s` with the byte offset where each starts.
fn positions(s: &str) -> Vec<(usize, char)> {
    s.char_indices().collect()
}
// ANCHOR_END: positions

// ANCHOR: reverse
/// `s` reversed one `char` (code point) at a time.
fn reverse(s: &str) -> String {
    s.chars().rev().collect()
}
// ANCHOR_END: reverse

// ANCHOR: main
fn main() {
    for (i, c) in positions("aé🦀") {
        println!("byte {i}: {c:?}, {} byte(s)", c.len_utf8());
    }
    println!("{}", reverse("Go🦀"));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_byte_offsets() {
        assert_eq!(positions("aé🦀"), [(0, 'a'), (1, 'é'), (3, '🦀')]);
    }

    #[test]
    fn reverse_by_code_point() {
        let cases = [
            ("ASCII", "Go", "oG"),
            ("four-byte characters stay whole", "Go🦀", "🦀oG"),
            ("an accent is a char of its own", "e\u{301}", "\u{301}e"),
        ];
        for (case, s, want) in cases {
            assert_eq!(reverse(s), want, "{case}");
        }
    }
}
// ANCHOR_END: tests
