//! Returns a reference without saying which argument it borrows from.
//! rustc refuses: E0106.

fn longer(a: &str, b: &str) -> &str {
    if b.len() > a.len() { b } else { a }
}

fn main() {
    println!("{}", longer("example.com", "localhost"));
}
