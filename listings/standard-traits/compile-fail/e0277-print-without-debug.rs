//! Prints a struct with `{:?}`, as Go's `%v` prints any value. The struct
//! does not implement `Debug`, and rustc refuses: E0277.

struct Version {
    major: u32,
    minor: u32,
}

fn main() {
    let v = Version { major: 1, minor: 2 };
    println!("{v:?}");
}
