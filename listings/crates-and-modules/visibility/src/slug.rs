//! Turns item names into keys. `pub(crate)` lets the rest of this crate
//! call `make`; code outside the crate cannot name the module at all.

// ANCHOR: slug
/// Lowercases a name and joins its words with `-`.
pub(crate) fn make(name: &str) -> String {
    name.split(is_separator)
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Private: visible in this module only.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '_'
}
// ANCHOR_END: slug

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*; // a child module sees its parent's private items

    #[test]
    fn makes_keys() {
        let cases = [
            ("Blue Pen", "blue-pen"),
            ("  red_ink ", "red-ink"),
            ("", ""),
        ];
        for (name, want) in cases {
            assert_eq!(make(name), want, "make({name:?})");
        }
        assert!(is_separator('_'));
    }
}
// ANCHOR_END: tests
