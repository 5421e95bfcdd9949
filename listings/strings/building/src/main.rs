//! Building a string piece by piece: a `String` is its own builder, with
//! `push_str` and `push` for pieces and `write!` (through `std::fmt::Write`)
//! for formatted ones, where Go has `strings.Builder` and `fmt.Fprintf`.

// ANCHOR: receipt
use std::fmt::Write as _;

/// One line of a receipt.
struct Item {
    name: String,
    cents: u32,
}

/// Renders items one per line, then a rule and the total.
fn receipt(items: &[Item]) -> String {
    let mut out = String::new();
    let mut total = 0;
    for item in items {
        let (name, cents) = (&item.name, item.cents);
        writeln!(out, "{name:<8} {:>3}.{:02}", cents / 100, cents % 100)
            .expect("a String accepts every write");
        total += cents;
    }
    out.push_str(&"-".repeat(15));
    out.push('\n');
    writeln!(out, "{:<8} {:>3}.{:02}", "total", total / 100, total % 100)
        .expect("a String accepts every write");
    out
}
// ANCHOR_END: receipt

// ANCHOR: main
fn main() {
    let name = "Gopher";
    let greeting = format!("Hello, {name}!"); // fmt.Sprintf
    let mut s = String::from("Go");
    s.push_str(" and Rust"); // b.WriteString
    let s = s + "!"; // moves `s` in, appends, hands it back
    println!("{greeting} {s}");
    print!(
        "{}",
        receipt(&[Item {
            name: "coffee".into(),
            cents: 250
        }])
    );
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, cents: u32) -> Item {
        Item {
            name: name.to_string(),
            cents,
        }
    }

    #[test]
    fn receipts() {
        let cases = [
            ("empty", vec![], "---------------\ntotal      0.00\n"),
            (
                "two items",
                vec![item("coffee", 250), item("bagel", 1205)],
                "coffee     2.50\nbagel     12.05\n---------------\ntotal     14.55\n",
            ),
        ];
        for (case, items, want) in cases {
            assert_eq!(receipt(&items), want, "{case}");
        }
    }
}
// ANCHOR_END: tests
