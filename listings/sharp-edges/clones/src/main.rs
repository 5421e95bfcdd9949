//! Fighting the borrow checker with `clone`. A method that walks one field
//! while calling another `&mut self` method does not compile; cloning the
//! whole collection makes the error go away and copies every item on every
//! call. Borrowing the two fields separately says what the code really
//! touches, and compiles without a copy. Part of the "Sharp edges" chapter;
//! the error itself is `compile-fail/e0502-method-while-iterating.rs`.

// ANCHOR: inventory
#[derive(Clone, Debug)]
pub struct Item {
    pub name: String,
    pub quantity: u32,
}

pub struct Inventory {
    pub items: Vec<Item>,
    pub threshold: u32,
    pub reorder: Vec<String>,
}

/// The line a reorder list shows for `item`.
fn reorder_line(item: &Item) -> String {
    format!("{} ({} left)", item.name, item.quantity)
}
// ANCHOR_END: inventory

impl Inventory {
    fn flag(&mut self, item: &Item) {
        self.reorder.push(reorder_line(item));
    }

    // ANCHOR: cloning
    /// Compiles, by copying every item and its name first: `self.items` is
    /// no longer borrowed while `flag` borrows all of `self`.
    pub fn check_cloning(&mut self) {
        for item in self.items.clone() {
            if item.quantity < self.threshold {
                self.flag(&item);
            }
        }
    }
    // ANCHOR_END: cloning

    // ANCHOR: borrowing
    /// Reads `items` and `threshold` and writes `reorder`. Inside one method
    /// the compiler tracks fields separately, so these borrows do not clash.
    pub fn check_borrowing(&mut self) {
        for item in &self.items {
            if item.quantity < self.threshold {
                self.reorder.push(reorder_line(item));
            }
        }
    }
    // ANCHOR_END: borrowing
}

fn main() {
    let mut inventory = Inventory {
        items: vec![Item {
            name: "bolts".into(),
            quantity: 3,
        }],
        threshold: 10,
        reorder: Vec::new(),
    };
    inventory.check_borrowing();
    println!("{:?}", inventory.reorder);
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn inventory() -> Inventory {
        let items = [("bolts", 3), ("nuts", 40), ("washers", 9)];
        Inventory {
            items: items
                .map(|(name, quantity)| Item {
                    name: name.into(),
                    quantity,
                })
                .into(),
            threshold: 10,
            reorder: Vec::new(),
        }
    }

    #[test]
    fn both_versions_flag_the_same_items() {
        let want = ["bolts (3 left)", "washers (9 left)"];
        let (mut cloning, mut borrowing) = (inventory(), inventory());
        cloning.check_cloning();
        borrowing.check_borrowing();
        assert_eq!(cloning.reorder, want);
        assert_eq!(borrowing.reorder, want);
    }
}
// ANCHOR_END: tests
