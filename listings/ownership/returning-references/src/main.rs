//! Returning references: a lifetime parameter says which argument the
//! result borrows from, and a value made inside a function is returned by
//! value (or in a `Box`), never by reference. The Go twin returns a pointer
//! to a local, which escape analysis makes safe there.

// ANCHOR: longer
/// Returns the longer of two strings, without copying either. The result
/// borrows from `a` or from `b`; `'a` tells the caller it may be used only
/// while both are alive.
pub fn longer<'a>(a: &'a str, b: &'a str) -> &'a str {
    if b.len() > a.len() { b } else { a }
}
// ANCHOR_END: longer

// ANCHOR: tally
/// A named counter.
#[derive(Debug, PartialEq)]
pub struct Tally {
    pub name: String,
    pub count: u32,
}

/// Returns a new tally by value: the caller becomes its owner. The struct
/// is moved out to the caller, not copied to the heap.
pub fn new_tally(name: &str) -> Tally {
    Tally {
        name: name.to_string(),
        count: 0,
    }
}

/// When a heap pointer is what you want, say so with `Box`; it owns its
/// value just as the plain `Tally` does.
pub fn new_boxed_tally(name: &str) -> Box<Tally> {
    Box::new(new_tally(name))
}
// ANCHOR_END: tally

// ANCHOR: main
fn main() {
    let host = String::from("example.com");
    let fallback = "localhost";
    assert_eq!(longer(&host, fallback), "example.com");

    let mut visits = new_tally("visits");
    visits.count += 1;
    let mut boxed = new_boxed_tally("errors");
    boxed.count += 2;
    assert_eq!((visits.count, boxed.count), (1, 2));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_returns_one_of_its_arguments() {
        let cases = [
            ("first is longer", "gopher", "go", "gopher"),
            ("second is longer", "go", "ferris", "ferris"),
            ("a tie keeps the first", "ab", "cd", "ab"),
        ];
        for (case, a, b, want) in cases {
            let got = longer(a, b);
            assert_eq!(got, want, "{case}");
            // Not a copy: the very bytes of one argument.
            assert!(std::ptr::eq(got, a) || std::ptr::eq(got, b), "{case}");
        }
    }

    #[test]
    fn each_new_tally_is_its_own_value() {
        let mut a = new_tally("a");
        let b = new_boxed_tally("a");
        a.count += 1;
        assert_eq!(a.count, 1);
        assert_eq!(
            *b,
            new_tally("a"),
            "changing one tally leaves the other alone"
        );
    }
}
// ANCHOR_END: tests
