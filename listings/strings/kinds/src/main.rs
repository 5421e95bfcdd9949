//! Rust's string types beside Go's one `string`: `String` owns its bytes,
//! `&str` borrows them, `char` is one Unicode scalar value. A function that
//! takes `&str` accepts a borrowed `String` too, by deref coercion.

// ANCHOR: greeting
/// Works for any string slice: a literal, a borrowed `String`, or part of
/// either. Passing a `&str` copies a pointer and a length, not the bytes.
fn greeting(name: &str) -> String {
    format!("Hello, {name}!")
}
// ANCHOR_END: greeting

// ANCHOR: main
fn main() {
    let literal: &'static str = "Gopher"; // bytes in the binary
    let owned: String = String::from("Ferris"); // bytes on the heap, growable
    let part: &str = &owned[..3]; // borrows the first three bytes of `owned`
    let initial: char = 'F'; // one Unicode scalar value

    println!("{}", greeting(literal));
    println!("{}", greeting(&owned)); // a &String, coerced to &str
    println!("{}", greeting(part));
    println!("{initial} takes {} byte in UTF-8", initial.len_utf8());
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_every_kind_of_string() {
        let built = "Go".repeat(2);
        assert_eq!(greeting("Gopher"), "Hello, Gopher!", "a literal");
        assert_eq!(greeting(&built), "Hello, GoGo!", "a borrowed String");
        assert_eq!(greeting(&built[..2]), "Hello, Go!", "part of another");
    }

    #[test]
    fn len_counts_bytes() {
        let cases = [("Go", 2, 2), ("Grüße", 7, 5), ("日本", 6, 2), ("🦀", 4, 1)];
        for (s, bytes, chars) in cases {
            assert_eq!(s.len(), bytes, "len of {s:?}");
            assert_eq!(s.chars().count(), chars, "chars in {s:?}");
        }
    }

    #[test]
    fn a_slice_shares_the_bytes() {
        let s = "Gopher".repeat(2);
        let part = &s[3..];
        assert_eq!(part.as_ptr(), s.as_ptr().wrapping_add(3));
    }

    #[test]
    fn the_sizes_the_docs_describe() {
        use std::mem::size_of;
        let word = size_of::<usize>();
        assert_eq!(size_of::<&str>(), 2 * word, "a pointer and a length");
        assert_eq!(
            size_of::<String>(),
            3 * word,
            "a pointer, a capacity and a length"
        );
        assert_eq!(size_of::<char>(), 4, "always four bytes");
    }
}
// ANCHOR_END: tests
