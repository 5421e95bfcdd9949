//! What Rust does at a method call: `c.hit()` borrows `c` as the method's
//! receiver asks (auto-ref), and a call through a reference, a `Box` or an
//! `Rc` follows the pointers to the value (auto-deref). There is no method
//! set to choose from: the receiver type is in the signature.

use std::collections::HashMap;

// ANCHOR: counter
/// Counts hits.
#[derive(Debug, Default)]
pub struct Counter {
    hits: u32,
}

impl Counter {
    /// Adds one hit: needs a mutable borrow.
    pub fn hit(&mut self) {
        self.hits += 1;
    }

    /// Reads the count: a shared borrow is enough.
    pub fn hits(&self) -> u32 {
        self.hits
    }
}
// ANCHOR_END: counter

// ANCHOR: map
/// Counts a hit for each page, in place in the map.
pub fn count_pages(pages: &[&'static str]) -> HashMap<&'static str, Counter> {
    let mut counters: HashMap<&str, Counter> = HashMap::new();
    for &page in pages {
        counters.entry(page).or_default().hit();
    }
    counters
}
// ANCHOR_END: map

// ANCHOR: main
fn main() {
    let mut c = Counter::default();
    c.hit();
    Counter::hit(&mut c);
    println!("{}", c.hits());
    println!("{}", count_pages(&["home", "about", "home"])["home"].hits());
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn the_compiler_borrows_the_receiver() {
        let mut c = Counter::default();
        c.hit(); // auto-ref: this is Counter::hit(&mut c)
        Counter::hit(&mut c); // the same call, spelled out
        assert_eq!(Counter::hits(&c), 2);
    }

    #[test]
    fn the_compiler_follows_pointers() {
        let mut c = Counter::default();
        c.hit();
        let boxed = Box::new(c);
        let shared = Rc::new(Counter { hits: 1 });
        let borrowed: Vec<&Counter> = vec![&boxed];
        let first: &&Counter = &borrowed[0];
        let cases = [
            ("through a Box", boxed.hits()),
            ("through a reference to a reference", first.hits()),
            ("through an Rc", shared.hits()),
        ];
        for (case, hits) in cases {
            assert_eq!(hits, 1, "{case}");
        }
    }

    #[test]
    fn a_map_value_is_changed_in_place() {
        let counters = count_pages(&["home", "about", "home"]);
        assert_eq!(counters["home"].hits(), 2, "home, visited twice");
        assert_eq!(counters["about"].hits(), 1, "about, visited once");
    }
}
// ANCHOR_END: tests
