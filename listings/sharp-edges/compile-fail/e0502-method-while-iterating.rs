//! Calling a `&mut self` method while a loop borrows one of `self`'s
//! fields: the error that tempts people to clone the collection. From the
//! "Sharp edges" chapter; the fixes are in `listings/sharp-edges/clones`.

struct Item {
    name: String,
    quantity: u32,
}

struct Inventory {
    items: Vec<Item>,
    threshold: u32,
    reorder: Vec<String>,
}

impl Inventory {
    fn flag(&mut self, item: &Item) {
        self.reorder.push(format!("{} ({} left)", item.name, item.quantity));
    }

    fn check(&mut self) {
        for item in &self.items {
            if item.quantity < self.threshold {
                self.flag(item);
            }
        }
    }
}

fn main() {
    let mut inventory = Inventory { items: Vec::new(), threshold: 10, reorder: Vec::new() };
    inventory.check();
}
