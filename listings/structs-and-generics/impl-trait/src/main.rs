//! `impl Trait` in argument position (any type with the trait, chosen by
//! the caller) and in return position (one type, chosen by the function and
//! hidden from the caller).

// ANCHOR: impl-trait
/// Adds up whatever `prices` yields: a `Vec`, an array, a map's values, an
/// iterator. Each caller's type gets its own compiled copy.
pub fn total(prices: impl IntoIterator<Item = u32>) -> u32 {
    prices.into_iter().sum()
}

/// The even numbers below `limit`. The real type is a `Filter` of a
/// range and a closure; callers see only that it is an `Iterator`.
pub fn evens(limit: u32) -> impl Iterator<Item = u32> {
    (0..limit).filter(|n| n % 2 == 0)
}
// ANCHOR_END: impl-trait

// ANCHOR: main
fn main() {
    println!("{}", total(vec![3, 4]));
    println!("{}", total(evens(7)));
    println!("{:?}", evens(10).collect::<Vec<_>>());
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn total_takes_any_iterable() {
        let map = HashMap::from([("a", 5)]);
        let cases = [
            ("a vector", total(vec![3, 4]), 7),
            ("an array", total([1, 2, 3]), 6),
            ("a map's values", total(map.into_values()), 5),
            ("a returned iterator", total(evens(7)), 2 + 4 + 6),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn evens_is_lazy_and_stops_when_the_loop_does() {
        let seen: Vec<u32> = evens(u32::MAX).take_while(|&n| n <= 4).collect();
        assert_eq!(seen, [0, 2, 4]);
    }
}
// ANCHOR_END: tests
