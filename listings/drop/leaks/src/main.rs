//! Safe Rust does not promise that a destructor runs. Two `Rc`s that point
//! at each other keep each other alive after the last outside handle is
//! gone; a `Weak` back link breaks the cycle. `mem::forget` skips a
//! destructor on purpose, and is not `unsafe`.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

// ANCHOR: node
/// A node that counts its own destruction.
struct Node {
    drops: Rc<Cell<u32>>,
    next: RefCell<Option<Rc<Node>>>,
    back: RefCell<Weak<Node>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

fn node(drops: &Rc<Cell<u32>>) -> Rc<Node> {
    Rc::new(Node {
        drops: Rc::clone(drops),
        next: RefCell::new(None),
        back: RefCell::new(Weak::new()),
    })
}

/// Links `a` to `b` and back, with a strong or a weak back link.
fn link(a: &Rc<Node>, b: &Rc<Node>, weak_back: bool) {
    *a.next.borrow_mut() = Some(Rc::clone(b));
    if weak_back {
        *b.back.borrow_mut() = Rc::downgrade(a);
    } else {
        *b.next.borrow_mut() = Some(Rc::clone(a)); // a cycle of strong counts
    }
}
// ANCHOR_END: node

// ANCHOR: main
fn main() {
    let drops = Rc::new(Cell::new(0));
    {
        let (a, b) = (node(&drops), node(&drops));
        link(&a, &b, false);
    }
    println!("strong cycle: {} of 2 nodes dropped", drops.get());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn a_strong_cycle_is_never_dropped() {
        for (weak_back, want) in [(false, 0), (true, 2)] {
            let drops = Rc::new(Cell::new(0));
            {
                let (a, b) = (node(&drops), node(&drops));
                link(&a, &b, weak_back);
            } // the last outside handles go here
            assert_eq!(drops.get(), want, "weak back link: {weak_back}");
        }
    }

    #[test]
    fn forget_skips_the_destructor() {
        let drops = Rc::new(Cell::new(0));
        std::mem::forget(node(&drops));
        assert_eq!(drops.get(), 0);
    }
    // ANCHOR_END: tests
}
