//! Compares two structs with `==`, as Go allows for any struct whose fields
//! are comparable. Without a `PartialEq` impl rustc refuses: E0369.

struct Version {
    major: u32,
    minor: u32,
}

fn main() {
    let a = Version { major: 1, minor: 2 };
    let b = Version { major: 1, minor: 2 };
    println!("{}", a == b);
}
