//! `push` on a `Vec` beside Go's `append`. A vector has one owner, so
//! growing it cannot change what another variable sees: a function either
//! takes the vector (and the caller's variable is moved) or copies a slice.

// ANCHOR: with-suffix
/// `path` with `elem` added, in `path`'s own buffer. Taking the vector by
/// value moves it out of the caller's variable.
fn with_suffix(mut path: Vec<String>, elem: &str) -> Vec<String> {
    path.push(elem.to_string());
    path
}

/// `path` with `elem` added, in a new vector; `path` is only read.
fn with_suffix_copy(path: &[String], elem: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(path.len() + 1);
    out.extend_from_slice(path);
    out.push(elem.to_string());
    out
}
// ANCHOR_END: with-suffix

// ANCHOR: main
fn main() {
    let mut base = Vec::with_capacity(4); // room for two more, as in Go
    base.push("home".to_string());
    base.push("gopher".to_string());

    let docs = with_suffix_copy(&base, "docs");
    let music = with_suffix(base, "music"); // base is moved; no later use
    println!("{docs:?} {music:?}");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<String> {
        let mut base = Vec::with_capacity(4);
        base.extend(["home".to_string(), "gopher".to_string()]);
        base
    }

    #[test]
    fn each_result_is_its_own() {
        let base = base();
        let docs = with_suffix(base.clone(), "docs"); // an explicit copy
        let music = with_suffix(base, "music");
        assert_eq!(docs, ["home", "gopher", "docs"]);
        assert_eq!(music, ["home", "gopher", "music"]);
    }

    #[test]
    fn with_suffix_reuses_the_buffer_it_was_given() {
        let base = base();
        let start = base.as_ptr();
        let grown = with_suffix(base, "docs"); // capacity 4: no reallocation
        assert_eq!(grown.as_ptr(), start);
    }

    #[test]
    fn with_suffix_copy_leaves_the_input_alone() {
        let base = base();
        let docs = with_suffix_copy(&base, "docs");
        let music = with_suffix_copy(&base, "music");
        assert_eq!(base, ["home", "gopher"]);
        assert_eq!((docs[2].as_str(), music[2].as_str()), ("docs", "music"));
    }
}
// ANCHOR_END: tests
