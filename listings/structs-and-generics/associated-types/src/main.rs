//! A trait with an associated type, and generic functions over it with
//! trait bounds and a `where` clause: the item type belongs to the source,
//! so callers name the source alone.

// ANCHOR: source
/// Yields values one at a time until it runs out. Each implementation
/// says once what its `Item` is. (std's `Iterator` has the same shape.)
pub trait Source {
    type Item;

    fn next(&mut self) -> Option<Self::Item>;
}

/// Yields n, n-1, ..., 1.
pub struct Countdown(pub u32);

impl Source for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let n = self.0;
        self.0 = n.checked_sub(1)?;
        Some(n)
    }
}

/// Yields the words it holds, in order.
pub struct Words(pub Vec<&'static str>);

impl Source for Words {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        if self.0.is_empty() {
            return None;
        }
        Some(self.0.remove(0))
    }
}
// ANCHOR_END: source

// ANCHOR: functions
/// Collects everything `source` yields. The bound goes in the angle
/// brackets; `S::Item` is the item type of whatever `S` is.
pub fn drain<S: Source>(mut source: S) -> Vec<S::Item> {
    let mut all = Vec::new();
    while let Some(v) = source.next() {
        all.push(v);
    }
    all
}

/// The largest value `source` yields, or `None`. With a bound on the
/// associated type too, the `where` clause reads better than brackets.
pub fn largest<S>(mut source: S) -> Option<S::Item>
where
    S: Source,
    S::Item: Ord,
{
    let mut best = source.next()?;
    while let Some(v) = source.next() {
        best = best.max(v);
    }
    Some(best)
}
// ANCHOR_END: functions

// ANCHOR: main
fn main() {
    println!("{:?}", drain(Countdown(3)));
    println!("{:?}", largest(Words(vec!["go", "to", "rust"])));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drain_collects_each_item_type() {
        assert_eq!(drain(Countdown(3)), [3, 2, 1]);
        assert_eq!(drain(Words(vec!["go", "to", "rust"])), ["go", "to", "rust"]);
    }

    #[test]
    fn largest() {
        let cases = [
            ("several", Words(vec!["go", "to", "rust"]), Some("to")),
            ("none", Words(vec![]), None),
        ];
        for (name, source, want) in cases {
            assert_eq!(super::largest(source), want, "{name}");
        }
    }

    #[test]
    fn the_item_type_is_named_through_the_source() {
        // No `T` to name or infer: `<Countdown as Source>::Item` is `u32`.
        let first: Option<<Countdown as Source>::Item> = Countdown(1).next();
        assert_eq!(first, Some(1_u32));
    }
}
// ANCHOR_END: tests
