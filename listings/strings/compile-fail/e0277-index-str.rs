//! Reads the first byte of a string with `s[0]`, as Go code does. A `str`
//! has no integer index in Rust. rustc refuses: E0277.

fn first_byte(s: &str) -> u8 {
    s[0]
}

fn main() {
    println!("{}", first_byte("gopher"));
}
