//! Receivers: Go chooses between a value and a pointer receiver; Rust
//! methods take `&self` (read), `&mut self` (change) or `self` (consume).
//! The last has no Go counterpart: after `finish`, the counter is gone.

// ANCHOR: counter
/// Counts hits on a page.
#[derive(Debug, Default)]
pub struct Counter {
    hits: u32,
}

/// What is left when counting is over.
#[derive(Debug, PartialEq)]
pub struct Report {
    pub hits: u32,
}

impl Counter {
    /// Reads: a shared borrow of the counter.
    pub fn hits(&self) -> u32 {
        self.hits
    }

    /// Changes: a mutable borrow, so the caller's binding must be `mut`.
    pub fn hit(&mut self) {
        self.hits += 1;
    }

    /// Consumes: the counter moves into the method and does not come back,
    /// so no one can count hits into a report that is already written.
    pub fn finish(self) -> Report {
        Report { hits: self.hits }
    }
}
// ANCHOR_END: counter

// ANCHOR: trait
/// Anything that can be hit. A trait method declares its receiver the same
/// way, and every implementation must match it.
pub trait Hitter {
    fn hit(&mut self);
}

impl Hitter for Counter {
    fn hit(&mut self) {
        Counter::hit(self);
    }
}

/// Hits `target` `n` times, whatever it is.
pub fn hit_times(target: &mut impl Hitter, n: u32) {
    for _ in 0..n {
        target.hit();
    }
}
// ANCHOR_END: trait

// ANCHOR: main
fn main() {
    let mut counter = Counter::default();
    counter.hit();
    hit_times(&mut counter, 2);
    assert_eq!(counter.hits(), 3);
    let report = counter.finish(); // `counter` is moved; using it now is E0382
    assert_eq!(report, Report { hits: 3 });
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_then_finishing() {
        let cases = [("never hit", 0), ("hit once", 1), ("hit often", 5)];
        for (case, n) in cases {
            let mut counter = Counter::default();
            hit_times(&mut counter, n);
            assert_eq!(counter.hits(), n, "{case}");
            assert_eq!(counter.finish(), Report { hits: n }, "{case}");
        }
    }
}
// ANCHOR_END: tests
