//! Why the query parser decodes bytes rather than slicing `str`: a `str`
//! is sliced at byte offsets, and an offset inside a multi-byte character
//! panics. Run it with `cargo run -p testing-query --example char_boundary`.

// ANCHOR: panic
fn main() {
    let query = "a=%1é";
    // The two hex digits after the `%` at byte 2 would be bytes 3..5, but
    // byte 5 is the middle of `é` (bytes 4 and 5).
    let digits = &query[3..5];
    println!("{digits}");
}
// ANCHOR_END: panic
