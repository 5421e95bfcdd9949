//! Uses a struct as a `HashMap` key when it derives `PartialEq` and `Eq` but
//! not `Hash`. `insert` needs all three, and rustc refuses: E0277.

use std::collections::HashMap;

#[derive(PartialEq, Eq)]
struct Version {
    major: u32,
    minor: u32,
}

fn main() {
    let mut downloads = HashMap::new();
    downloads.insert(Version { major: 1, minor: 2 }, 10);
}
