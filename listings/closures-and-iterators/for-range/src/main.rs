//! Every Go `range` form has a Rust `for`: a `for` loop takes anything that
//! implements `IntoIterator`. What it yields depends on how you pass the
//! collection: `&v` borrows each item, `&mut v` lends each one for
//! writing, and `v` moves the items out.

use std::collections::BTreeMap;
use std::sync::mpsc;

// ANCHOR: slices
/// The index of the lowest price, or `None` for no prices.
fn cheapest(prices: &[u32]) -> Option<usize> {
    let mut best: Option<(usize, u32)> = None;
    for (i, &price) in prices.iter().enumerate() {
        if best.is_none_or(|(_, low)| price < low) {
            best = Some((i, price));
        }
    }
    best.map(|(i, _)| i)
}

/// Takes `percent` off every price, in place.
fn discount(prices: &mut [u32], percent: u32) {
    for price in prices.iter_mut() {
        *price -= *price * percent / 100;
    }
}

/// Turns the prices into labels, using up the vector.
fn labels(prices: Vec<u32>) -> Vec<String> {
    let mut out = Vec::with_capacity(prices.len());
    for price in prices {
        out.push(format!("{price} cents"));
    }
    out
}
// ANCHOR_END: slices

// ANCHOR: others
/// One line per item, in key order.
fn stock_lines(stock: &BTreeMap<String, u32>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, count) in stock {
        out.push(format!("{name}: {count}"));
    }
    out
}

/// Everything sent on the channel, until every sender is gone.
fn drain(messages: mpsc::Receiver<String>) -> Vec<String> {
    let mut out = Vec::new();
    for message in messages {
        out.push(message);
    }
    out
}

/// n, n-1, ..., 1.
fn countdown(n: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for i in (1..=n).rev() {
        out.push(i);
    }
    out
}
// ANCHOR_END: others

// ANCHOR: main
fn main() {
    let mut prices = vec![250, 120, 300];
    println!("{:?}", cheapest(&prices)); // `&prices`: borrowed
    discount(&mut prices, 10); // `&mut prices`: changed in place
    println!("{:?}", labels(prices)); // `prices`: moved, gone after this

    let stock = BTreeMap::from([("pear".to_owned(), 2)]);
    let (tx, rx) = mpsc::channel();
    tx.send("hello".to_owned()).unwrap();
    drop(tx); // the last sender: `drain` stops after "hello"
    println!(
        "{:?} {:?} {:?}",
        stock_lines(&stock),
        drain(rx),
        countdown(3)
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn slices() {
        assert_eq!(cheapest(&[250, 120, 300, 120]), Some(1));
        assert_eq!(cheapest(&[]), None);
        let mut prices = vec![250, 120];
        discount(&mut prices, 10);
        assert_eq!(prices, [225, 108]);
        assert_eq!(labels(prices), ["225 cents", "108 cents"]);
    }

    #[test]
    fn maps_channels_and_ranges() {
        let stock = BTreeMap::from([("pear".to_owned(), 2), ("apple".to_owned(), 5)]);
        assert_eq!(stock_lines(&stock), ["apple: 5", "pear: 2"]);

        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for word in ["one", "two"] {
                tx.send(word.to_owned()).unwrap();
            }
        }); // the thread ends, `tx` is dropped, and the loop in `drain` stops
        assert_eq!(drain(rx), ["one", "two"]);

        assert_eq!(countdown(3), [3, 2, 1]);
        assert_eq!(countdown(0), Vec::<u32>::new());
    }
    // ANCHOR_END: tests
}
