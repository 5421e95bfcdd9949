//! Loops rewritten as iterator chains. Each adapter (`map`, `filter`,
//! `filter_map`, `enumerate`, `zip`, `take_while`, `flat_map`) takes a
//! closure and returns a new iterator; nothing runs until `collect`, `sum`
//! or a `for` loop pulls the items through.

use std::collections::BTreeSet;

// ANCHOR: parse_order
/// Parses `name=quantity` lines, skipping blank lines and `#` comments.
/// The first bad line is the error.
fn parse_order(text: &str) -> Result<Vec<(String, u32)>, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (name, quantity) = line
                .split_once('=')
                .ok_or_else(|| format!("no '=' in {line:?}"))?;
            let quantity = quantity.parse().map_err(|err| format!("{name}: {err}"))?;
            Ok((name.to_owned(), quantity))
        })
        .collect()
}
// ANCHOR_END: parse_order

// ANCHOR: small
/// The numbers among the words; the rest are skipped.
fn numbers(words: &[&str]) -> Vec<i64> {
    words.iter().filter_map(|word| word.parse().ok()).collect()
}

/// The positive values. `iter()` yields `&i32`, and `filter` passes each
/// item by reference again, so the closure sees `&&i32`: the pattern
/// `&&n` takes both references off.
fn positives(values: &[i32]) -> Vec<i32> {
    values.iter().filter(|&&n| n > 0).copied().collect()
}

/// "1. name: score" for each pair, numbered from one.
fn ranking(names: &[&str], scores: &[u32]) -> Vec<String> {
    names
        .iter()
        .zip(scores)
        .enumerate()
        .map(|(i, (name, score))| format!("{}. {name}: {score}", i + 1))
        .collect()
}

/// The comment lines at the top of a file, without their `#`.
fn header(text: &str) -> String {
    text.lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| line.trim_start_matches('#').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every tag of every post, once each, sorted.
fn all_tags<'a>(posts: &[&'a str]) -> BTreeSet<&'a str> {
    posts
        .iter()
        .flat_map(|post| post.split(','))
        .map(str::trim)
        .collect()
}
// ANCHOR_END: small

// ANCHOR: main
fn main() {
    println!("{:?}", parse_order("# order\napples=3\n\npears=2"));
    println!("{:?}", parse_order("apples=three"));
    println!("{:?}", ranking(&["ann", "bo"], &[9, 7]));
    println!("{:?} {:?}", numbers(&["1", "x"]), positives(&[-1, 2]));
    println!(
        "{:?} {:?}",
        header("# notes\nbody"),
        all_tags(&["go, rust"])
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    // ANCHOR: tests
    #[test]
    fn parse_order_collects_into_a_result() {
        let cases = [
            (
                "apples=3\n# c\n\npears=2",
                Ok(vec![("apples", 3), ("pears", 2)]),
            ),
            ("apples=3\npears", Err("no '=' in \"pears\"")),
            (
                "apples=x\npears=y",
                Err("apples: invalid digit found in string"),
            ),
        ];
        for (text, want) in cases {
            let want = want
                .map(|v| v.into_iter().map(|(n, q)| (n.to_owned(), q)).collect())
                .map_err(str::to_owned);
            assert_eq!(parse_order(text), want, "{text:?}");
        }
    }

    #[test]
    fn adapters() {
        assert_eq!(numbers(&["3", "x", "-4"]), [3, -4]);
        assert_eq!(positives(&[3, -1, 0, 5]), [3, 5]);
        assert_eq!(
            ranking(&["ann", "bo", "cy"], &[9, 7]),
            ["1. ann: 9", "2. bo: 7"]
        );
        assert_eq!(header("# a\n## b\ncode\n# c"), "a b");
        let tags = all_tags(&["go, rust", "rust,cli"]);
        assert_eq!(tags.into_iter().collect::<Vec<_>>(), ["cli", "go", "rust"]);
    }

    #[test]
    fn adapters_are_lazy() {
        let calls = Cell::new(0);
        let doubled = (1..=1_000).map(|n| {
            calls.set(calls.get() + 1);
            n * 2
        });
        assert_eq!(calls.get(), 0, "nothing runs before the iterator is used");
        let first: Vec<i32> = doubled.take(3).collect();
        assert_eq!(first, [2, 4, 6]);
        assert_eq!(calls.get(), 3, "map ran only for the items taken");
    }
    // ANCHOR_END: tests
}
