//! Holds a mutable borrow of a map's value across an insert into the same
//! map, which may move every value. Go forbids taking the address of a map
//! element at all; Rust allows the borrow and refuses the insert. E0499.

use std::collections::HashMap;

#[derive(Default)]
struct Counter {
    hits: u32,
}

fn main() {
    let mut counters: HashMap<&str, Counter> = HashMap::new();
    let home = counters.entry("home").or_default();
    counters.insert("about", Counter::default());
    home.hits += 1;
}
