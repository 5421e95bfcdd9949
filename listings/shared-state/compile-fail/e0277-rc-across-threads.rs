//! Sharing a counter with `Rc<RefCell<_>>`, the single-threaded shared
//! pointer, across threads: `Rc` is not `Send`, so `thread::spawn` refuses it.

use std::cell::RefCell;
use std::rc::Rc;
use std::thread;

fn main() {
    let count = Rc::new(RefCell::new(0));
    let mut handles = Vec::new();
    for _ in 0..4 {
        let count = Rc::clone(&count);
        handles.push(thread::spawn(move || {
            *count.borrow_mut() += 1;
        }));
    }
    for handle in handles {
        handle.join().unwrap();
    }
    println!("{}", count.borrow());
}
