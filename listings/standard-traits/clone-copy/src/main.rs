//! `Clone`, `Copy` and `Default` beside Go's assignment: `let b = a` moves
//! a value unless its type is `Copy`, and `clone()` copies what it owns,
//! vector and all.

// ANCHOR: order
/// An order owns its items: `clone()` copies the vector too.
#[derive(Debug, Clone, PartialEq, Default)]
struct Order {
    id: u32,
    items: Vec<String>,
    express: bool,
}

/// Two numbers and nothing the value owns elsewhere: `Copy` may be
/// derived, and assignment copies it as Go assignment does.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}
// ANCHOR_END: order

// ANCHOR: main
fn main() {
    let a = Order {
        id: 1,
        items: vec!["book".to_string()],
        ..Default::default()
    };
    let mut b = a.clone();
    b.items[0] = "pen".to_string();
    println!("{a:?}\n{b:?}");

    let p = Point { x: 1, y: 2 };
    let q = p; // a copy: p stays usable
    println!("{p:?} {q:?}");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_owns_its_own_items() {
        let a = Order {
            id: 1,
            items: vec!["book".to_string()],
            express: false,
        };
        let mut b = a.clone();
        b.items[0] = "pen".to_string();
        assert_eq!(a.items, ["book"], "the original is untouched");
        assert_eq!(b.items, ["pen"]);
    }

    #[test]
    fn copy_types_copy_on_assignment() {
        let p = Point { x: 1, y: 2 };
        let mut q = p;
        q.x = 10;
        assert_eq!(p, Point { x: 1, y: 2 });
        assert_eq!(q, Point { x: 10, y: 2 });
    }

    #[test]
    fn default_is_each_fields_default() {
        let cases = [
            (Order::default(), (0, 0, false)),
            (
                Order {
                    id: 7,
                    ..Default::default()
                },
                (7, 0, false),
            ),
        ];
        for (order, (id, items, express)) in cases {
            assert_eq!(
                (order.id, order.items.len(), order.express),
                (id, items, express)
            );
        }
    }
}
// ANCHOR_END: tests
