//! `Iterator` is a trait like the others in this chapter: implement its one
//! required method, `next`, and every adapter comes with it. Beside it, the
//! same countdown as a Go `iter.Seq`.

// ANCHOR: countdown
/// Counts down from `from` to 1.
struct Countdown {
    from: u32,
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.from == 0 {
            return None;
        }
        self.from -= 1;
        Some(self.from + 1)
    }
}
// ANCHOR_END: countdown

// ANCHOR: main
fn main() {
    for n in (Countdown { from: 3 }) {
        println!("{n}");
    }
    let evens: Vec<u32> = Countdown { from: 10 }.filter(|n| n % 2 == 0).collect();
    println!("{evens:?}");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_and_stops() {
        let cases = [(3, vec![3, 2, 1]), (1, vec![1]), (0, vec![])];
        for (from, want) in cases {
            assert_eq!(Countdown { from }.collect::<Vec<_>>(), want, "from {from}");
        }
    }

    #[test]
    fn the_adapters_come_with_next() {
        let sum: u32 = Countdown { from: 4 }.map(|n| n * 10).sum();
        assert_eq!(sum, 100);
        assert_eq!(Countdown { from: 10 }.nth(2), Some(8));
    }
}
// ANCHOR_END: tests
