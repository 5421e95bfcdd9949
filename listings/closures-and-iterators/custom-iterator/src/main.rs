//! An iterator of your own: a type with a `next` method. `Backoff` yields
//! retry delays that double up to a cap, without end; the caller decides
//! how many to take. The Go twin is a function returning an `iter.Seq`.

use std::time::Duration;

// ANCHOR: backoff
/// Retry delays: `first`, then twice the previous one, never above `max`.
struct Backoff {
    next: Duration,
    max: Duration,
}

fn backoff(first: Duration, max: Duration) -> Backoff {
    Backoff { next: first, max }
}

impl Iterator for Backoff {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let delay = self.next;
        self.next = (delay * 2).min(self.max);
        Some(delay) // never `None`: the sequence has no end
    }
}
// ANCHOR_END: backoff

// ANCHOR: main
fn main() {
    let ms = Duration::from_millis;
    // Every adapter works on it: the first five delays, in milliseconds.
    let delays: Vec<u128> = backoff(ms(100), ms(1000))
        .take(5)
        .map(|d| d.as_millis())
        .collect();
    println!("{delays:?}");
    // And a `for` loop, with the stop written in the loop.
    for (attempt, delay) in backoff(ms(100), ms(1000)).enumerate() {
        if attempt == 3 {
            break;
        }
        println!("attempt {attempt}: wait {delay:?}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn delays_double_up_to_the_cap() {
        let ms = Duration::from_millis;
        let cases = [
            (100, 1000, vec![100, 200, 400, 800, 1000, 1000]),
            (300, 500, vec![300, 500, 500]),
        ];
        for (first, max, want) in cases {
            let got: Vec<u128> = backoff(ms(first), ms(max))
                .take(want.len())
                .map(|d| d.as_millis())
                .collect();
            assert_eq!(got, want, "backoff({first}, {max})");
        }
    }
    // ANCHOR_END: tests
}
