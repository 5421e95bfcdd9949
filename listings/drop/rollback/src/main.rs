//! A guard written by hand: it remembers how to undo a change, and its
//! `Drop` undoes it unless `commit` disarmed it first. Every way out of
//! the function (`return`, `?`, a panic) passes through the destructor.

// ANCHOR: guard
/// Adds items to a list; they are removed again unless committed.
struct Batch<'a> {
    items: &'a mut Vec<String>,
    len_before: usize,
    committed: bool,
}

impl<'a> Batch<'a> {
    fn new(items: &'a mut Vec<String>) -> Self {
        let len_before = items.len();
        Batch {
            items,
            len_before,
            committed: false,
        }
    }

    fn push(&mut self, item: &str) {
        self.items.push(item.to_owned());
    }

    /// Keeps the additions. Takes `self`, so the batch is used up.
    fn commit(mut self) {
        self.committed = true;
    } // `self` is dropped here, with `committed` set
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.committed {
            self.items.truncate(self.len_before);
        }
    }
}
// ANCHOR_END: guard

// ANCHOR: add_all
/// Adds every name, or none of them if one is empty.
fn add_all(items: &mut Vec<String>, names: &[&str]) -> Result<(), String> {
    let mut batch = Batch::new(items);
    for name in names {
        if name.is_empty() {
            return Err("empty name".to_owned()); // `batch` rolls back
        }
        batch.push(name);
    }
    batch.commit();
    Ok(())
}
// ANCHOR_END: add_all

fn main() {
    let mut items = vec!["gopher".to_owned()];
    let result = add_all(&mut items, &["ferris", ""]);
    println!("{result:?}, items: {items:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{self, AssertUnwindSafe};

    // ANCHOR: tests
    #[test]
    fn a_batch_is_kept_only_when_committed() {
        // (case, names to add, added, items afterwards)
        let cases: [(&str, &[&str], bool, &[&str]); 3] = [
            ("all good", &["b", "c"], true, &["a", "b", "c"]),
            ("empty name", &["b", "", "c"], false, &["a"]),
            ("nothing", &[], true, &["a"]),
        ];
        for (name, names, added, want_items) in cases {
            let mut items = vec!["a".to_owned()];
            assert_eq!(add_all(&mut items, names).is_ok(), added, "{name}");
            assert_eq!(items, want_items, "{name}");
        }
    }

    #[test]
    fn a_panic_rolls_back_too() {
        let mut items = vec!["a".to_owned()];
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut batch = Batch::new(&mut items);
            batch.push("b");
            panic!("bug halfway through the batch");
        }));
        assert!(result.is_err());
        assert_eq!(items, ["a"]);
    }
    // ANCHOR_END: tests
}
